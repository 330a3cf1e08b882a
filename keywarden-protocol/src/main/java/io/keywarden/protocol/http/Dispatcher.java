package io.keywarden.protocol.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.protocol.query.QueryErrors;
import io.keywarden.protocol.sigv4.Authentication;
import io.keywarden.protocol.sigv4.SigV4Verifier;
import io.keywarden.services.admin.AdminControl;
import io.keywarden.services.api.ApiException;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.api.Execution;
import io.keywarden.services.api.InlineAttempt;
import io.keywarden.services.audit.AuditTrail;
import io.keywarden.services.identity.CredentialLookup;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Turns one request into a response. An API call goes: route by {@code X-Amz-Target} ({@code
 * UnknownOperationException}), sealed gate (503 before authentication: while sealed, no credential
 * can be read), SigV4, implemented?, model validation, then the operation: {@link Execution#INLINE}
 * ones here on the I/O thread, {@link Execution#COMPUTE} ones on the compute pool and {@link
 * Execution#BLOCKING} ones on the blocking pool, these two answering through a {@link Completion}.
 * Form-encoded calls to {@code /} (and {@code GET /?...}) go to {@link QueryCalls} when a Query
 * service is served; each service answers in its own protocol ({@link Wire}).
 *
 * <p>Every API call is audited before it is answered (DESIGN.md principle 4): whatever it comes to
 * (a result, a routing, authentication, authorisation or validation error, throttling, an internal
 * failure), its CloudTrail record is appended to the {@link AuditTrail}, and the answer is written
 * only once the record is durable, from the connection's event loop. If the record cannot be made
 * durable, the caller gets the service's internal error instead, and nothing of the result: the
 * response is only serialised after the record is durable ({@link AuditedAnswers}). So is every other
 * request: Keywarden's admin routes ({@link AdminRoutes}), paths that are no API endpoint and requests
 * the HTTP layer refused ({@link UnroutedCalls}).
 */
final class Dispatcher {
  static final String SEALED_MESSAGE = "Keywarden is sealed. Unseal it with 'keywarden unseal'.";
  static final String INTERNAL_MESSAGE =
      "The request processing has failed because of an unknown error, exception or failure.";
  private static final AsciiString X_AMZ_TARGET = AsciiString.cached("x-amz-target");
  private static final ApiException THROTTLED = new ApiException("ThrottlingException", "Rate exceeded");
  private static final int MAX_OPERATION_NAME = 100;

  /** Receives the response of a request answered later, on any thread. */
  interface Completion {
    void complete(FullHttpResponse response);
  }

  /** The connection a request came on. */
  record Connection(String sourceIp, boolean secure) {}

  private final Routing routing;
  private final SigV4Verifier verifier;
  private final CredentialLookup credentials;
  private final AdminControl admin;
  private final AdminRoutes adminRoutes;
  private final Executor blocking;
  private final Executor compute;
  private final Supplier<String> requestIds;
  private final Clock clock;
  private final QueryCalls queries;
  private final AuditedAnswers answers;
  private final UnroutedCalls unrouted;

  Dispatcher(
      Routing routing,
      SigV4Verifier verifier,
      CredentialLookup credentials,
      AdminControl admin,
      Executor blocking,
      Executor compute,
      Supplier<String> requestIds,
      Clock clock,
      AuditTrail audit) {
    this.routing = routing;
    this.verifier = verifier;
    this.credentials = credentials;
    this.admin = admin;
    this.answers = new AuditedAnswers(audit);
    this.unrouted = new UnroutedCalls(routing, answers);
    this.adminRoutes = new AdminRoutes(admin, blocking, answers);
    this.blocking = blocking;
    this.compute = compute;
    this.requestIds = requestIds;
    this.clock = clock;
    this.queries = new QueryCalls(this, routing, admin);
  }

  /**
   * @return the response, or {@code null} when {@code completion} will receive it (on any thread,
   *     possibly before this returns). The request is not used after this returns.
   */
  FullHttpResponse dispatch(
      ChannelHandlerContext ctx, FullHttpRequest request, Connection connection, Completion completion) {
    String requestId = requestIds.get();
    String uri = request.uri();
    int q = uri.indexOf('?');
    String path = q < 0 ? uri : uri.substring(0, q);
    String query = q < 0 ? "" : uri.substring(q + 1);
    if (path.startsWith(AdminRoutes.PREFIX)) {
      return adminRoutes.handle(exchange(ctx, request, connection, requestId, completion), request, path);
    }
    if ("/".equals(path) && routing.hasQueryServices()) {
      HttpMethod method = request.method();
      if (HttpMethod.POST.equals(method) && isForm(request.headers().get(HttpHeaderNames.CONTENT_TYPE))
          || HttpMethod.GET.equals(method) && !query.isEmpty()) {
        Exchange x = exchange(ctx, request, connection, requestId, completion);
        return queries.call(x, request, path, query, connection);
      }
    }
    Exchange x = exchange(ctx, request, connection, requestId, completion);
    if (!"/".equals(path) || !HttpMethod.POST.equals(request.method())) {
      return unrouted.refuse(x, request.headers(), path, 404, "UnknownOperationException",
          notFoundMessage(request.method().name(), path), Responses.AMZ_JSON);
    }
    return api(x, request, path, query, connection);
  }

  /**
   * Answers a request the HTTP layer refused, once recorded.
   *
   * @return the response, or {@code null} when {@code completion} will receive it
   */
  FullHttpResponse refused(ChannelHandlerContext ctx, RefusedRequest refused, Connection connection,
      Completion completion) {
    Exchange x = new Exchange(ctx, refused.version(), refused.headers(), connection, requestIds.get(),
        clock.instant(), completion, answers.enabled());
    return unrouted.refuse(x, refused.headers(), refused.path(), refused.status(), refused.code(),
        refused.message(), Responses.AMZ_JSON);
  }

  private Exchange exchange(ChannelHandlerContext ctx, FullHttpRequest request, Connection connection,
      String requestId, Completion completion) {
    return new Exchange(ctx, request.protocolVersion(), request.headers(), connection, requestId,
        clock.instant(), completion, answers.enabled());
  }

  private FullHttpResponse api(
      Exchange x, FullHttpRequest request, String path, String query, Connection connection) {
    HttpHeaders headers = request.headers();
    String target = headers.get(X_AMZ_TARGET);
    Route route = routing.route(target);
    if (route == null || !isJson(headers.get(HttpHeaderNames.CONTENT_TYPE))) {
      ServiceEndpoint named = unrouted.name(x.call, headers);
      return failure(x, named == null || named.wire instanceof QueryWire ? JsonWire.WITHOUT_MODEL : named.wire,
          new ApiException("UnknownOperationException", null));
    }
    ServiceEndpoint endpoint = route.endpoint;
    if (x.call != null) {
      x.call.service(endpoint.signingName, route.operation.name());
    }
    try {
      if (admin.health().sealed()) {
        return failure(x, endpoint.wire, new ApiException(
            "ServiceUnavailableException", SEALED_MESSAGE, ApiException.Fault.SERVER), 503);
      }
      byte[] body = ByteBufUtil.getBytes(request.content());
      Authentication auth = authenticate(x, new NettySignedRequest(request, path, query, body), endpoint);
      if (route.binding == null) {
        throw endpoint.service.notImplemented(route.operation.name());
      }
      CallContext context = context(auth, request, connection, x);
      ObjectNode input =
          route.operation.readInput(body, 0, body.length, endpoint.service.checksModelConstraints());
      if (x.call != null) {
        x.call.input(input);
      }
      return run(x, route, context, input);
    } catch (ApiException e) {
      return failure(x, endpoint.wire, e);
    } catch (RuntimeException e) {
      Failures.log(route.operation.name(), x.requestId, e);
      return internalFailure(x, endpoint.wire);
    }
  }

  /**
   * SigV4; the audit record of a refused call names the access key it claimed and, if that key is
   * known, goes to the key's account.
   */
  Authentication authenticate(Exchange x, NettySignedRequest request, ServiceEndpoint endpoint) {
    try {
      return verifier.verify(request, endpoint.signingName);
    } catch (ApiException e) {
      if (x.call != null) {
        CredentialScope scope = CredentialScope.of(request.header("Authorization"));
        if (scope != null && scope.accessKeyId() != null) {
          x.call.claimed(scope.accessKeyId(), accountOf(scope.accessKeyId()));
        }
      }
      throw e;
    }
  }

  private String accountOf(String accessKeyId) {
    try {
      return credentials.find(accessKeyId).map(c -> c.principal().accountId()).orElse(null);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Runs a validated call where its binding says: here ({@code INLINE}), on the compute pool ({@code
   * COMPUTE}) or on the blocking pool ({@code BLOCKING}).
   */
  FullHttpResponse run(Exchange x, Route route, CallContext context, ObjectNode input) {
    Execution execution = route.binding.execution();
    if (execution == Execution.INLINE) {
      return invoke(x, route, context, input);
    }
    if (execution == Execution.INLINE_WHEN_CACHED) {
      return invokeInlineFirst(x, route, context, input);
    }
    return submit(execution == Execution.COMPUTE ? compute : blocking, x, route, context, input);
  }

  /** The context of an authenticated call; its audit record now knows the caller. */
  CallContext context(Authentication auth, FullHttpRequest request, Connection connection, Exchange x) {
    String userAgent = request.headers().get(HttpHeaderNames.USER_AGENT);
    CallContext context = new CallContext(
        auth.principal(),
        auth.region(),
        x.requestId,
        connection.sourceIp(),
        userAgent == null ? "" : userAgent,
        connection.secure(),
        x.receivedAt);
    if (x.call != null) {
      x.call.authenticated(context);
    }
    return context;
  }

  private FullHttpResponse submit(
      Executor pool, Exchange x, Route route, CallContext context, ObjectNode input) {
    try {
      pool.execute(
          () -> {
            FullHttpResponse response = null;
            boolean answered = false;
            try {
              response = invoke(x, route, context, input);
              answered = true;
            } finally {
              if (!answered) {
                response = internalFailure(x, route.endpoint.wire);
              }
              if (response != null) {
                x.completion.complete(response);
              }
            }
          });
      return null;
    } catch (RejectedExecutionException e) {
      return failure(x, route.endpoint.wire,
          route.endpoint.wire instanceof QueryWire ? QueryErrors.fromJsonProtocol(THROTTLED) : THROTTLED);
    }
  }

  /**
   * An {@code INLINE_WHEN_CACHED} call: here, unless the operation says it must block (before any
   * side effect), in which case it runs again from the start on the blocking pool.
   */
  private FullHttpResponse invokeInlineFirst(
      Exchange x, Route route, CallContext context, ObjectNode input) {
    ObjectNode output;
    try {
      output = InlineAttempt.run(route.binding.operation(), context, input);
    } catch (InlineAttempt.BlockingNeeded e) {
      return submit(blocking, x, route, context, input);
    } catch (ApiException e) {
      return failure(x, route.endpoint.wire, e);
    } catch (RuntimeException | StackOverflowError e) {
      Failures.log(route.operation.name(), x.requestId, e);
      return internalFailure(x, route.endpoint.wire);
    }
    return answered(x, route, output);
  }

  private FullHttpResponse invoke(Exchange x, Route route, CallContext context, ObjectNode input) {
    Wire wire = route.endpoint.wire;
    ObjectNode output;
    try {
      output = route.binding.operation().invoke(context, input);
    } catch (ApiException e) {
      return failure(x, wire, e);
    } catch (RuntimeException | StackOverflowError e) {
      Failures.log(route.operation.name(), x.requestId, e);
      return internalFailure(x, wire);
    }
    return answered(x, route, output);
  }

  /** Answers an operation's output, once the call's record is durable. */
  private FullHttpResponse answered(Exchange x, Route route, ObjectNode output) {
    Wire wire = route.endpoint.wire;
    String operation = route.operation.name();
    if (x.call == null) {
      return wire.result(x.alloc, x.version, operation, output, x.requestId);
    }
    x.call.succeeded(output);
    return audited(x, wire, () -> wire.result(x.alloc, x.version, operation, output, x.requestId));
  }

  /** Answers {@code e}, once the call's record is durable. */
  FullHttpResponse failure(Exchange x, Wire wire, ApiException e) {
    return failure(x, wire, e, -1);
  }

  /** Answers {@code e} with a fixed status ({@code -1}: the service model's), once recorded. */
  private FullHttpResponse failure(Exchange x, Wire wire, ApiException e, int status) {
    if (x.call == null) {
      return answer(x, wire, e, status);
    }
    x.call.failed(wire.errorCode(e), e.getMessage());
    return audited(x, wire, () -> answer(x, wire, e, status));
  }

  private FullHttpResponse answer(Exchange x, Wire wire, ApiException e, int status) {
    if (status < 0) {
      return error(x.alloc, x.version, wire, e, x.requestId);
    }
    return dated(Responses.error(x.alloc, x.version, status, e.code(), e.getMessage(),
        Responses.AMZ_JSON, x.requestId));
  }

  /** Answers the service's internal error, once the call's record is durable. */
  FullHttpResponse internalFailure(Exchange x, Wire wire) {
    if (x.call == null) {
      return internal(x.alloc, x.version, wire, x.requestId);
    }
    x.call.failed(wire.internalErrorCode(), INTERNAL_MESSAGE);
    return audited(x, wire, () -> internal(x.alloc, x.version, wire, x.requestId));
  }

  /**
   * Appends the call's record and, once it is durable, writes {@code answer()} from the connection's
   * event loop; if it cannot be made durable, writes the internal error instead (fail-closed).
   *
   * @return {@code null}: the answer goes to the exchange's completion
   */
  private FullHttpResponse audited(Exchange x, Wire wire, Supplier<FullHttpResponse> answer) {
    return answers.answer(x, answer, () -> internal(x.alloc, x.version, wire, x.requestId));
  }

  /**
   * An {@link ApiException} with the status the service's model gives it, and a {@code Date} header
   * (from which AWS SDKs correct their clock after a "signature expired" answer).
   */
  FullHttpResponse error(ByteBufAllocator alloc, HttpVersion version, Wire wire, ApiException e, String requestId) {
    return dated(wire.error(alloc, version, e, requestId));
  }

  /** The service's internal error, with a message that says nothing about the failure. */
  FullHttpResponse internal(ByteBufAllocator alloc, HttpVersion version, Wire wire, String requestId) {
    return dated(wire.internal(alloc, version, requestId));
  }

  FullHttpResponse dated(FullHttpResponse response) {
    response.headers().set(HttpHeaderNames.DATE, HttpDate.format(clock.instant()));
    return response;
  }

  /** The message of a 404: the method and (at most 200 characters of) the path. */
  static String notFoundMessage(String method, String path) {
    String shown = path.length() > 200 ? path.substring(0, 200) + "..." : path;
    return "No such resource: " + method + " " + shown;
  }

  /** {@code application/x-www-form-urlencoded} (parameters such as charset ignored): an AWS Query call. */
  static boolean isForm(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semi = contentType.indexOf(';');
    String media = (semi < 0 ? contentType : contentType.substring(0, semi)).trim();
    return media.equalsIgnoreCase("application/x-www-form-urlencoded");
  }

  /** The operation an unknown {@code X-Amz-Target} names, if it looks like an operation name. */
  static String operationOf(String target) {
    if (target == null) {
      return null;
    }
    String name = target.substring(target.lastIndexOf('.') + 1);
    if (name.isEmpty() || name.length() > MAX_OPERATION_NAME) {
      return null;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
        return null;
      }
    }
    return name;
  }

  /** No content type, or AWS JSON 1.1, or plain JSON (parameters such as charset ignored). */
  static boolean isJson(String contentType) {
    if (contentType == null) {
      return true;
    }
    int semi = contentType.indexOf(';');
    String media = (semi < 0 ? contentType : contentType.substring(0, semi)).trim();
    return media.equalsIgnoreCase("application/x-amz-json-1.1") || media.equalsIgnoreCase("application/json");
  }
}
