package io.keywarden.protocol.http;

import io.keywarden.protocol.json.OperationModel;
import io.keywarden.protocol.json.ServiceModel;
import io.keywarden.protocol.query.QueryModel;
import io.keywarden.services.api.ApiService;
import io.keywarden.services.api.OperationBinding;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routing table, built once. AWS JSON 1.1 services: every {@code <targetPrefix>.<Operation>} of
 * their models. AWS Query services: by SigV4 signing name, then {@code Action}.
 *
 * <p>Refuses, at construction, a service whose model is missing, whose model's protocol is not the
 * service's ({@code query} for {@link ApiService.WireProtocol#QUERY}, anything else for JSON), whose
 * target prefix disagrees with its model (JSON), that implements an operation its model does not
 * have, or whose target prefix (JSON) or signing name (Query) another service already claims.
 */
final class Routing {
  private final Map<String, Route> routes = new HashMap<>();
  private final Map<String, ServiceEndpoint> prefixes = new HashMap<>();
  private final Map<String, ServiceEndpoint> queryServices = new LinkedHashMap<>();
  private final Map<ServiceEndpoint, Map<String, Route>> queryRoutes = new HashMap<>();
  /** Every served service by its SigV4 signing name (the first one served, if two share it). */
  private final Map<String, ServiceEndpoint> bySigningName = new HashMap<>();

  Routing(List<ApiService> services) {
    for (ApiService service : services) {
      ServiceModel model = load(service);
      for (String name : service.operations().keySet()) {
        if (model.operation(name) == null) {
          throw new IllegalArgumentException(
              "Service " + service.modelName() + " implements " + name + ", which its model does not have");
        }
      }
      boolean query = service.protocol() == ApiService.WireProtocol.QUERY;
      if (query != "query".equals(model.protocol())) {
        throw new IllegalArgumentException("Service " + service.modelName() + " speaks " + service.protocol()
            + " but its model's protocol is '" + model.protocol() + "'");
      }
      if (query) {
        addQuery(service, model);
      } else {
        addJson(service, model);
      }
    }
  }

  private void addJson(ApiService service, ServiceModel model) {
    String prefix = service.targetPrefix();
    if (!model.targetPrefix().isEmpty() && !model.targetPrefix().equals(prefix)) {
      throw new IllegalArgumentException("Service " + service.modelName() + " has target prefix " + prefix
          + " but its model says " + model.targetPrefix());
    }
    if (prefixes.containsKey(prefix)) {
      throw new IllegalArgumentException("Two services claim the target prefix " + prefix);
    }
    ServiceEndpoint endpoint = new ServiceEndpoint(service, model, new JsonWire(model));
    prefixes.put(prefix, endpoint);
    bySigningName.putIfAbsent(endpoint.signingName, endpoint);
    for (OperationModel operation : model.operations().values()) {
      OperationBinding binding = service.operations().get(operation.name());
      routes.put(prefix + "." + operation.name(), new Route(endpoint, operation, binding));
    }
  }

  private void addQuery(ApiService service, ServiceModel model) {
    String signingName = service.signingName();
    if (queryServices.containsKey(signingName)) {
      throw new IllegalArgumentException("Two Query services claim the signing name " + signingName);
    }
    QueryModel queryModel = QueryModel.compile(definition(service));
    ServiceEndpoint endpoint = new ServiceEndpoint(service, model, new QueryWire(queryModel));
    Map<String, Route> actions = new HashMap<>();
    for (OperationModel operation : model.operations().values()) {
      actions.put(operation.name(), new Route(endpoint, operation, service.operations().get(operation.name())));
    }
    queryServices.put(signingName, endpoint);
    queryRoutes.put(endpoint, actions);
    bySigningName.putIfAbsent(signingName, endpoint);
  }

  private static ServiceModel load(ApiService service) {
    ClassLoader own = service.getClass().getClassLoader();
    try {
      return ServiceModel.load(service.modelName(), own != null ? own : ServiceModel.class.getClassLoader());
    } catch (IllegalArgumentException e) {
      return ServiceModel.load(service.modelName());
    }
  }

  private static com.fasterxml.jackson.databind.JsonNode definition(ApiService service) {
    ClassLoader own = service.getClass().getClassLoader();
    try {
      return ServiceModel.readDefinition(
          service.modelName(), own != null ? own : ServiceModel.class.getClassLoader());
    } catch (IllegalArgumentException e) {
      return ServiceModel.readDefinition(service.modelName(), ServiceModel.class.getClassLoader());
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

  /** The served service of a SigV4 signing name ({@code kms}), or {@code null}. */
  ServiceEndpoint served(String signingName) {
    return signingName == null ? null : bySigningName.get(signingName);
  }

  /** Whether any Query service is served. */
  boolean hasQueryServices() {
    return !queryServices.isEmpty();
  }

  /**
   * The Query service that a request signed for {@code scopeService} goes to: the one of that signing
   * name; else (no or another scope, which SigV4 will then refuse in the service's words) the first
   * Query service; {@code null} if there is none.
   */
  ServiceEndpoint queryService(String scopeService) {
    ServiceEndpoint endpoint = scopeService == null ? null : queryServices.get(scopeService);
    if (endpoint != null || queryServices.isEmpty()) {
      return endpoint;
    }
    return queryServices.values().iterator().next();
  }

  /** The route of a Query service's {@code Action}, or {@code null}. */
  Route queryRoute(ServiceEndpoint endpoint, String action) {
    Map<String, Route> actions = queryRoutes.get(endpoint);
    return actions == null || action == null ? null : actions.get(action);
  }
}
