package io.keywarden.protocol.http;

import io.keywarden.protocol.json.OperationModel;
import io.keywarden.protocol.json.ServiceModel;
import io.keywarden.services.api.ApiService;
import io.keywarden.services.api.OperationBinding;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The routing table, built once: every {@code <targetPrefix>.<Operation>} of every service's model.
 * Refuses, at construction, a service whose model is missing, whose target prefix disagrees with its
 * model, that implements an operation its model does not have, or that another service's prefix
 * already claims.
 */
final class Routing {
  private final Map<String, Route> routes = new HashMap<>();
  private final Map<String, ServiceEndpoint> prefixes = new HashMap<>();

  Routing(List<ApiService> services) {
    for (ApiService service : services) {
      ServiceModel model = load(service);
      String prefix = service.targetPrefix();
      if (!model.targetPrefix().isEmpty() && !model.targetPrefix().equals(prefix)) {
        throw new IllegalArgumentException("Service " + service.modelName() + " has target prefix " + prefix
            + " but its model says " + model.targetPrefix());
      }
      if (prefixes.containsKey(prefix)) {
        throw new IllegalArgumentException("Two services claim the target prefix " + prefix);
      }
      for (String name : service.operations().keySet()) {
        if (model.operation(name) == null) {
          throw new IllegalArgumentException(
              "Service " + service.modelName() + " implements " + name + ", which its model does not have");
        }
      }
      ServiceEndpoint endpoint = new ServiceEndpoint(service, model);
      prefixes.put(prefix, endpoint);
      for (OperationModel operation : model.operations().values()) {
        OperationBinding binding = service.operations().get(operation.name());
        routes.put(prefix + "." + operation.name(), new Route(endpoint, operation, binding));
      }
    }
  }

  private static ServiceModel load(ApiService service) {
    ClassLoader own = service.getClass().getClassLoader();
    try {
      return ServiceModel.load(service.modelName(), own != null ? own : ServiceModel.class.getClassLoader());
    } catch (IllegalArgumentException e) {
      return ServiceModel.load(service.modelName());
    }
  }

  /** The route of an {@code X-Amz-Target}, or {@code null}. */
  Route route(String target) {
    return target == null ? null : routes.get(target);
  }

  /** The service whose prefix an unknown target names, or {@code null}. */
  ServiceEndpoint endpointOf(String target) {
    if (target == null) {
      return null;
    }
    int dot = target.lastIndexOf('.');
    return dot < 0 ? null : prefixes.get(target.substring(0, dot));
  }
}
