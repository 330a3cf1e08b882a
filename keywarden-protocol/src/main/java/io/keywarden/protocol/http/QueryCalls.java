package io.keywarden.protocol.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.protocol.query.FormParameters;
import io.keywarden.protocol.query.QueryErrors;
import io.keywarden.protocol.query.QueryModel;
import io.keywarden.protocol.sigv4.Authentication;
import io.keywarden.services.admin.AdminControl;
import io.keywarden.services.api.ApiException;
import io.keywarden.services.api.CallContext;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;

/**
 * AWS Query calls: {@code POST /} with a form body ({@code Content-Type:
 * application/x-www-form-urlencoded}), or {@code GET /?Action=...} with the parameters in the query
 * string (signed in the {@code Authorization} header; presigned URLs are not accepted).
 *
 * <p>The service is the Query service whose signing name the SigV4 credential scope names (else the
 * first one, so that SigV4 refuses the scope in its words). Then, in order: {@code Action} present
 * ({@code MissingAction}); the service's model has it and {@code Version} is the model's {@code
 * apiVersion} ({@code InvalidAction}: "Could not find operation X for version V"); the sealed gate
 * ({@code ServiceUnavailable}, 503); SigV4 (with the Query services' codes: {@code
 * SignatureDoesNotMatch}, {@code InvalidClientTokenId}, {@code ExpiredToken}, ...); implemented?; the
 * form read by the input shape and validated by the model ({@code ValidationError}); the operation.
 */
final class QueryCalls {
  private final Dispatcher dispatcher;
  private final Routing routing;
  private final AdminControl admin;

  QueryCalls(Dispatcher dispatcher, Routing routing, AdminControl admin) {
    this.dispatcher = dispatcher;
    this.routing = routing;
    this.admin = admin;
  }

  FullHttpResponse call(
      Exchange x, FullHttpRequest request, String path, String rawQuery, Dispatcher.Connection connection) {
    ServiceEndpoint endpoint = routing.queryService(scopeService(request.headers().get(HttpHeaderNames.AUTHORIZATION)));
    QueryWire wire = (QueryWire) endpoint.wire;
    QueryModel model = wire.model();
    Route route = null;
    if (x.call != null) {
      x.call.service(endpoint.signingName, null);
    }
    try {
      byte[] body = ByteBufUtil.getBytes(request.content());
      FormParameters form = HttpMethod.GET.equals(request.method())
          ? FormParameters.parse(rawQuery)
          : FormParameters.parse(body, 0, body.length);
      String action = form.get("Action");
      if (action == null || action.isEmpty()) {
        throw QueryErrors.missingAction();
      }
      String apiVersion = form.get("Version");
      route = routing.queryRoute(endpoint, action);
      if (x.call != null) {
        x.call.service(endpoint.signingName, route != null ? route.operation.name() : Dispatcher.operationOf(action));
      }
      if (route == null || !model.apiVersion().equals(apiVersion)) {
        throw QueryErrors.invalidAction(action, apiVersion);
      }
      if (admin.health().sealed()) {
        throw QueryErrors.fromJsonProtocol(new ApiException(
            "ServiceUnavailableException", Dispatcher.SEALED_MESSAGE, ApiException.Fault.SERVER));
      }
      Authentication auth;
      try {
        auth = dispatcher.authenticate(x, new NettySignedRequest(request, path, rawQuery, body), endpoint);
      } catch (ApiException e) {
        throw QueryErrors.fromJsonProtocol(e);
      }
      String operation = route.operation.name();
      if (route.binding == null) {
        throw endpoint.service.notImplemented(operation);
      }
      CallContext context = dispatcher.context(auth, request, connection, x);
      ObjectNode input = model.readInput(operation, form);
      try {
        route.operation.validate(input, endpoint.service.checksModelConstraints());
      } catch (ApiException e) {
        throw QueryErrors.fromJsonProtocol(e);
      }
      if (x.call != null) {
        x.call.input(input);
      }
      return dispatcher.run(x, route, context, input);
    } catch (ApiException e) {
      return dispatcher.failure(x, wire, e);
    } catch (RuntimeException e) {
      Failures.log(route == null ? "A Query call" : route.operation.name(), x.requestId, e);
      return dispatcher.internalFailure(x, wire);
    }
  }

  /**
   * The service of an {@code Authorization} header's credential scope ({@code
   * Credential=AKID/date/region/service/aws4_request}), or {@code null}; only to pick the service,
   * which then verifies the header in full.
   */
  static String scopeService(String authorization) {
    CredentialScope scope = CredentialScope.of(authorization);
    return scope == null ? null : scope.service();
  }
}
