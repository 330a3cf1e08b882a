package io.keywarden.protocol.http;

import io.keywarden.protocol.json.ServiceModel;
import io.keywarden.services.api.ApiService;

/** A service as the server routes to it: the service and its loaded model. */
final class ServiceEndpoint {
  final ApiService service;
  final ServiceModel model;
  final String signingName;

  ServiceEndpoint(ApiService service, ServiceModel model) {
    this.service = service;
    this.model = model;
    this.signingName = service.signingName();
  }
}
