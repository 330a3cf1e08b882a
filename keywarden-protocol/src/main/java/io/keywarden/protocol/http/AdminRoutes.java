package io.keywarden.protocol.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.trust.UnsealException;
import io.keywarden.services.admin.AdminControl;
import io.keywarden.services.api.ApiException;
import io.keywarden.services.audit.ApiCall;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Keywarden's own routes, not SigV4-authenticated and answered even while sealed:
 *
 * <ul>
 *   <li>{@code GET /_keywarden/health}: 200 {@code {"status":"ready"|"sealed","sealed":..,"dev":..,
 *       "version":".."}}, a status report, so 200 even when sealed;
 *   <li>{@code POST /_keywarden/unseal} with {@code {"passphrase":".."}}: 200 {@code
 *       {"sealed":false}} or 400 {@code UnsealFailedException}. The passphrase is wiped after use and
 *       never logged; unsealing (a deliberately slow key derivation) runs on the blocking pool;
 *   <li>{@code POST /_keywarden/reset}: 200 {@code {}} in dev mode, else 403 {@code
 *       AccessDeniedException}.
 * </ul>
 *
 * <p>Each request is audited like an API call (ADR 8): event source {@code keywarden}, event names
 * {@code GetHealth}, {@code Unseal} and {@code Reset} (none for an unknown route), no request
 * parameters; answered once its record is durable, else with a 500 {@code InternalFailure}. Unseal and
 * reset are recorded with their outcome, so after the work: if that record fails, the caller is told
 * of an internal failure, and the change stands.
 */
final class AdminRoutes {
  static final String PREFIX = "/_keywarden/";

  private final AdminControl admin;
  private final Executor blocking;
  private final AuditedAnswers answers;

  AdminRoutes(AdminControl admin, Executor blocking, AuditedAnswers answers) {
    this.admin = admin;
    this.blocking = blocking;
    this.answers = answers;
  }

  /**
   * @return the response, or {@code null} when the exchange's completion will receive it
   */
  FullHttpResponse handle(Exchange x, FullHttpRequest request, String path) {
    HttpMethod method = request.method();
    String operation = null;
    if ("/_keywarden/health".equals(path) && HttpMethod.GET.equals(method)) {
      operation = "GetHealth";
    } else if ("/_keywarden/unseal".equals(path) && HttpMethod.POST.equals(method)) {
      operation = "Unseal";
    } else if ("/_keywarden/reset".equals(path) && HttpMethod.POST.equals(method)) {
      operation = "Reset";
    }
    if (x.call != null) {
      x.call.service(ApiCall.KEYWARDEN, operation);
    }
    try {
      if (operation == null) {
        return error(x, 404, "UnknownOperationException", Dispatcher.notFoundMessage(method.name(), path));
      }
      return switch (operation) {
        case "GetHealth" -> health(x);
        case "Unseal" -> unseal(x, request.content());
        default -> reset(x);
      };
    } catch (RuntimeException e) {
      Failures.log(path, x.requestId, e);
      return internalFailure(x);
    }
  }

  private FullHttpResponse health(Exchange x) {
    AdminControl.Health health = admin.health();
    ObjectNode body = JsonNodeFactory.instance.objectNode()
        .put("status", health.status())
        .put("sealed", health.sealed())
        .put("dev", health.dev())
        .put("version", health.version());
    return ok(x, body);
  }

  private FullHttpResponse unseal(Exchange x, ByteBuf content) {
    byte[] body = ByteBufUtil.getBytes(content);
    content.setZero(content.readerIndex(), content.readableBytes());
    char[] passphrase;
    try {
      passphrase = PassphraseBody.read(body);
    } catch (ApiException e) {
      return error(x, 400, e.code(), e.getMessage());
    } finally {
      Arrays.fill(body, (byte) 0);
    }
    try {
      blocking.execute(
          () -> {
            FullHttpResponse response = null;
            try {
              admin.unseal(passphrase);
              response = ok(x, JsonNodeFactory.instance.objectNode().put("sealed", false));
            } catch (UnsealException e) {
              response = error(x, 400, "UnsealFailedException", e.getMessage());
            } catch (RuntimeException e) {
              Failures.log("Unseal", x.requestId, e);
              response = internalFailure(x);
            } finally {
              Arrays.fill(passphrase, '\0');
            }
            if (response != null) {
              x.completion.complete(response);
            }
          });
      return null;
    } catch (RejectedExecutionException e) {
      Arrays.fill(passphrase, '\0');
      return busy(x);
    }
  }

  private FullHttpResponse reset(Exchange x) {
    if (!admin.resetAllowed()) {
      return error(x, 403, "AccessDeniedException", "Reset is only allowed in dev mode.");
    }
    try {
      blocking.execute(
          () -> {
            FullHttpResponse response;
            try {
              admin.reset();
              response = ok(x, JsonNodeFactory.instance.objectNode());
            } catch (RuntimeException e) {
              Failures.log("Reset", x.requestId, e);
              response = internalFailure(x);
            }
            if (response != null) {
              x.completion.complete(response);
            }
          });
      return null;
    } catch (RejectedExecutionException e) {
      return busy(x);
    }
  }

  /** A 200 with {@code body}, once recorded (the record holds no response elements). */
  private FullHttpResponse ok(Exchange x, ObjectNode body) {
    if (x.call != null) {
      x.call.succeeded(null);
    }
    return answers.answer(x,
        () -> Responses.json(x.alloc, x.version, HttpResponseStatus.OK, Responses.JSON, body, x.requestId),
        () -> internal(x));
  }

  /** An error, once recorded. */
  private FullHttpResponse error(Exchange x, int status, String code, String message) {
    if (x.call != null) {
      x.call.failed(code, message);
    }
    return answers.answer(x,
        () -> Responses.error(x.alloc, x.version, status, code, message, Responses.JSON, x.requestId),
        () -> internal(x));
  }

  private FullHttpResponse internalFailure(Exchange x) {
    return error(x, 500, "InternalFailure", Dispatcher.INTERNAL_MESSAGE);
  }

  private FullHttpResponse busy(Exchange x) {
    return error(x, 503, "ServiceUnavailableException",
        "The server is too busy to take this request. Retry later.");
  }

  private static FullHttpResponse internal(Exchange x) {
    return Responses.error(x.alloc, x.version, 500, "InternalFailure", Dispatcher.INTERNAL_MESSAGE,
        Responses.JSON, x.requestId);
  }
}
