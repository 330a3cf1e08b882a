package io.keywarden.protocol.http;

import io.keywarden.protocol.json.ServiceModel;
import io.keywarden.services.api.ApiService;

/** A service as the server routes to it: the service, its loaded model, and how it answers. */
final class ServiceEndpoint {
  final ApiService service;
  final ServiceModel model;
  final String signingName;
  final Wire wire;

  ServiceEndpoint(ApiService service, ServiceModel model, Wire wire) {
    this.service = service;
    this.model = model;
    this.signingName = service.signingName();
    this.wire = wire;
  }
}
