package io.keywarden.protocol.http;

import io.keywarden.services.audit.ApiCall;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;

/**
 * Requests that reach no operation: a path that is no API endpoint (404), a request the HTTP layer
 * refused (malformed, too long, a body over the limit), an unknown {@code X-Amz-Target}. Each is still
 * an API call (ADR 8): it is recorded, with what the request tells of its service, before it is
 * answered, and answered with the internal error if it cannot be recorded.
 *
 * <p>Only known names reach the record: the service is the one its {@code X-Amz-Target} prefix, its
 * SigV4 credential scope or its {@code Host} header ({@code kms.us-east-1.amazonaws.com}) names, if
 * Keywarden serves it, and the operation a well-formed name ({@link Dispatcher#operationOf}); the
 * caller's access key and region only as {@link CredentialScope} reads them.
 */
final class UnroutedCalls {
  private static final AsciiString X_AMZ_TARGET = AsciiString.cached("x-amz-target");

  private final Routing routing;
  private final AuditedAnswers answers;

  UnroutedCalls(Routing routing, AuditedAnswers answers) {
    this.routing = routing;
    this.answers = answers;
  }

  /**
   * Names the call's service and operation as far as the request tells.
   *
   * @return the service that the request names, or {@code null}
   */
  ServiceEndpoint name(ApiCall call, HttpHeaders headers) {
    String target = headers.get(X_AMZ_TARGET);
    Route route = routing.route(target);
    ServiceEndpoint endpoint = route != null ? route.endpoint : routing.endpointOf(target);
    if (endpoint == null) {
      CredentialScope scope = CredentialScope.of(headers.get(HttpHeaderNames.AUTHORIZATION));
      endpoint = routing.served(scope == null ? null : scope.service());
    }
    if (endpoint == null) {
      endpoint = routing.served(hostService(headers.get(HttpHeaderNames.HOST)));
    }
    if (call != null) {
      call.service(endpoint == null ? null : endpoint.signingName,
          route != null ? route.operation.name() : Dispatcher.operationOf(target));
    }
    return endpoint;
  }

  /**
   * Answers an error ({@code code}, {@code message}, {@code status}) to a request that reached no
   * operation, once its record is durable; the service's internal error if it cannot be made durable.
   * A request to Keywarden's own routes ({@code path}, {@code null} if unknown) is recorded as theirs.
   *
   * @return the answer, or {@code null} when the exchange's completion will receive it
   */
  FullHttpResponse refuse(Exchange x, HttpHeaders headers, String path, int status, String code,
      String message, AsciiString contentType) {
    ServiceEndpoint endpoint = null;
    if (path != null && path.startsWith(AdminRoutes.PREFIX)) {
      if (x.call != null) {
        x.call.service(ApiCall.KEYWARDEN, null);
      }
    } else {
      endpoint = name(x.call, headers);
    }
    ServiceEndpoint named = endpoint;
    if (x.call != null) {
      x.call.failed(code, message);
    }
    return answers.answer(x,
        () -> Responses.error(x.alloc, x.version, status, code, message, contentType, x.requestId),
        () -> named != null
            ? named.wire.internal(x.alloc, x.version, x.requestId)
            : internalFailure(x));
  }

  /** AWS's generic internal error, for a request of no known service. */
  static FullHttpResponse internalFailure(Exchange x) {
    return Responses.error(x.alloc, x.version, 500, "InternalFailure", Dispatcher.INTERNAL_MESSAGE,
        Responses.AMZ_JSON, x.requestId);
  }

  /** The first label of a {@code Host} header ({@code kms} of {@code kms.eu-west-1.amazonaws.com}). */
  static String hostService(String host) {
    if (host == null) {
      return null;
    }
    int end = 0;
    while (end < host.length() && end < 64 && host.charAt(end) != '.' && host.charAt(end) != ':') {
      end++;
    }
    return end == 0 || end == 64 ? null : host.substring(0, end);
  }
}
