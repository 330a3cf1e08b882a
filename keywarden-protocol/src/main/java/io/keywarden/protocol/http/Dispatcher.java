package io.keywarden.protocol.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.protocol.query.QueryErrors;
import io.keywarden.protocol.sigv4.Authentication;
import io.keywarden.protocol.sigv4.SigV4Verifier;
import io.keywarden.services.admin.AdminControl;
import io.keywarden.services.api.ApiException;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.api.Execution;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
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
 */
final class Dispatcher {
  static final String SEALED_MESSAGE = "Keywarden is sealed. Unseal it with 'keywarden unseal'.";
  static final String INTERNAL_MESSAGE =
      "The request processing has failed because of an unknown error, exception or failure.";
  private static final AsciiString X_AMZ_TARGET = AsciiString.cached("x-amz-target");
  private static final ApiException THROTTLED = new ApiException("ThrottlingException", "Rate exceeded");

  /** Receives the response of a request answered later, on any thread. */
  interface Completion {
    void complete(FullHttpResponse response);
  }

  /** The connection a request came on. */
  record Connection(String sourceIp, boolean secure) {}

  private final Routing routing;
  private final SigV4Verifier verifier;
  private final AdminControl admin;
  private final AdminRoutes adminRoutes;
  private final Executor blocking;
  private final Executor compute;
  private final Supplier<String> requestIds;
  private final Clock clock;
  private final QueryCalls queries;

  Dispatcher(
      Routing routing,
      SigV4Verifier verifier,
      AdminControl admin,
      Executor blocking,
      Executor compute,
      Supplier<String> requestIds,
      Clock clock) {
    this.routing = routing;
    this.verifier = verifier;
    this.admin = admin;
    this.adminRoutes = new AdminRoutes(admin, blocking);
    this.blocking = blocking;
    this.compute = compute;
    this.requestIds = requestIds;
    this.clock = clock;
    this.queries = new QueryCalls(this, routing, verifier, admin);
  }

  /**
   * @return the response, or {@code null} when {@code completion} will receive it. The request is
   *     not used after this returns.
   */
  FullHttpResponse dispatch(
      ChannelHandlerContext ctx, FullHttpRequest request, Connection connection, Completion completion) {
    String requestId = requestIds.get();
    String uri = request.uri();
    int q = uri.indexOf('?');
    String path = q < 0 ? uri : uri.substring(0, q);
    String query = q < 0 ? "" : uri.substring(q + 1);
    if (path.startsWith(AdminRoutes.PREFIX)) {
      return adminRoutes.handle(ctx.alloc(), request, path, requestId, completion);
    }
    if ("/".equals(path) && routing.hasQueryServices()) {
      HttpMethod method = request.method();
      if (HttpMethod.POST.equals(method) && isForm(request.headers().get(HttpHeaderNames.CONTENT_TYPE))) {
        return queries.call(ctx.alloc(), request, path, query, connection, requestId, completion);
      }
      if (HttpMethod.GET.equals(method) && !query.isEmpty()) {
        return queries.call(ctx.alloc(), request, path, query, connection, requestId, completion);
      }
    }
    if (!"/".equals(path) || !HttpMethod.POST.equals(request.method())) {
      return notFound(ctx.alloc(), request, path, Responses.AMZ_JSON, requestId);
    }
    return api(ctx.alloc(), request, path, query, connection, requestId, completion);
  }

  private FullHttpResponse api(
      ByteBufAllocator alloc,
      FullHttpRequest request,
      String path,
      String query,
      Connection connection,
      String requestId,
      Completion completion) {
    HttpHeaders headers = request.headers();
    HttpVersion version = request.protocolVersion();
    String target = headers.get(X_AMZ_TARGET);
    Route route = routing.route(target);
    if (route == null || !isJson(headers.get(HttpHeaderNames.CONTENT_TYPE))) {
      ServiceEndpoint named = routing.endpointOf(target);
      return error(alloc, version, named == null ? JsonWire.WITHOUT_MODEL : named.wire,
          new ApiException("UnknownOperationException", null), requestId);
    }
    ServiceEndpoint endpoint = route.endpoint;
    try {
      if (admin.health().sealed()) {
        return dated(Responses.error(alloc, version, 503, "ServiceUnavailableException", SEALED_MESSAGE,
            Responses.AMZ_JSON, requestId));
      }
      byte[] body = ByteBufUtil.getBytes(request.content());
      Authentication auth =
          verifier.verify(new NettySignedRequest(request, path, query, body), endpoint.signingName);
      if (route.binding == null) {
        throw endpoint.service.notImplemented(route.operation.name());
      }
      ObjectNode input = route.operation.readInput(body, 0, body.length);
      CallContext context = context(auth, request, connection, requestId);
      return run(alloc, version, route, context, input, completion);
    } catch (ApiException e) {
      return error(alloc, version, endpoint.wire, e, requestId);
    } catch (RuntimeException e) {
      Failures.log(route.operation.name(), requestId, e);
      return internal(alloc, version, endpoint.wire, requestId);
    }
  }

  /**
   * Runs a validated call where its binding says: here ({@code INLINE}), on the compute pool ({@code
   * COMPUTE}) or on the blocking pool ({@code BLOCKING}).
   */
  FullHttpResponse run(
      ByteBufAllocator alloc,
      HttpVersion version,
      Route route,
      CallContext context,
      ObjectNode input,
      Completion completion) {
    Execution execution = route.binding.execution();
    if (execution == Execution.INLINE) {
      return invoke(alloc, version, route, context, input);
    }
    Executor pool = execution == Execution.COMPUTE ? compute : blocking;
    return submit(pool, alloc, version, route, context, input, completion);
  }

  /** The context of an authenticated call. */
  CallContext context(Authentication auth, FullHttpRequest request, Connection connection, String requestId) {
    String userAgent = request.headers().get(HttpHeaderNames.USER_AGENT);
    return new CallContext(
        auth.principal(),
        auth.region(),
        requestId,
        connection.sourceIp(),
        userAgent == null ? "" : userAgent,
        connection.secure(),
        clock.instant());
  }

  private FullHttpResponse submit(
      Executor pool,
      ByteBufAllocator alloc,
      HttpVersion version,
      Route route,
      CallContext context,
      ObjectNode input,
      Completion completion) {
    try {
      pool.execute(
          () -> {
            FullHttpResponse response = null;
            try {
              response = invoke(alloc, version, route, context, input);
            } finally {
              if (response == null) {
                response = internal(alloc, version, route.endpoint.wire, context.requestId());
              }
              completion.complete(response);
            }
          });
      return null;
    } catch (RejectedExecutionException e) {
      return error(alloc, version, route.endpoint.wire,
          route.endpoint.wire instanceof QueryWire
              ? QueryErrors.fromJsonProtocol(THROTTLED)
              : THROTTLED,
          context.requestId());
    }
  }

  private FullHttpResponse invoke(
      ByteBufAllocator alloc, HttpVersion version, Route route, CallContext context, ObjectNode input) {
    try {
      ObjectNode output = route.binding.operation().invoke(context, input);
      return route.endpoint.wire.result(alloc, version, route.operation.name(), output, context.requestId());
    } catch (ApiException e) {
      return error(alloc, version, route.endpoint.wire, e, context.requestId());
    } catch (RuntimeException | StackOverflowError e) {
      Failures.log(route.operation.name(), context.requestId(), e);
      return internal(alloc, version, route.endpoint.wire, context.requestId());
    }
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

  static FullHttpResponse notFound(
      ByteBufAllocator alloc, FullHttpRequest request, String path, AsciiString contentType, String requestId) {
    String shown = path.length() > 200 ? path.substring(0, 200) + "..." : path;
    return Responses.error(alloc, request.protocolVersion(), 404, "UnknownOperationException",
        "No such resource: " + request.method().name() + " " + shown, contentType, requestId);
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
