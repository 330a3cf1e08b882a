package io.keywarden.protocol.http;

import io.keywarden.protocol.json.OperationModel;
import io.keywarden.services.api.OperationBinding;

/** One {@code X-Amz-Target}: an operation of a service's model, implemented or not. */
final class Route {
  final ServiceEndpoint endpoint;
  final OperationModel operation;
  /** {@code null} when the model has the operation but the service does not implement it. */
  final OperationBinding binding;

  Route(ServiceEndpoint endpoint, OperationModel operation, OperationBinding binding) {
    this.endpoint = endpoint;
    this.operation = operation;
    this.binding = binding;
  }
}
