package io.keywarden.protocol.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.trust.UnsealException;
import io.keywarden.services.admin.AdminControl;
import io.keywarden.services.api.ApiException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
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
 */
final class AdminRoutes {
  static final String PREFIX = "/_keywarden/";

  private final AdminControl admin;
  private final Executor blocking;

  AdminRoutes(AdminControl admin, Executor blocking) {
    this.admin = admin;
    this.blocking = blocking;
  }

  FullHttpResponse handle(
      ByteBufAllocator alloc,
      FullHttpRequest request,
      String path,
      String requestId,
      Dispatcher.Completion completion) {
    HttpMethod method = request.method();
    HttpVersion version = request.protocolVersion();
    try {
      if ("/_keywarden/health".equals(path) && HttpMethod.GET.equals(method)) {
        return health(alloc, version, requestId);
      }
      if ("/_keywarden/unseal".equals(path) && HttpMethod.POST.equals(method)) {
        return unseal(alloc, version, request.content(), requestId, completion);
      }
      if ("/_keywarden/reset".equals(path) && HttpMethod.POST.equals(method)) {
        return reset(alloc, version, requestId, completion);
      }
    } catch (RuntimeException e) {
      Failures.log(path, requestId, e);
      return internal(alloc, version, requestId);
    }
    return Dispatcher.notFound(alloc, request, path, Responses.JSON, requestId);
  }

  private FullHttpResponse health(ByteBufAllocator alloc, HttpVersion version, String requestId) {
    AdminControl.Health health = admin.health();
    ObjectNode body = JsonNodeFactory.instance.objectNode()
        .put("status", health.status())
        .put("sealed", health.sealed())
        .put("dev", health.dev())
        .put("version", health.version());
    return Responses.json(alloc, version, HttpResponseStatus.OK, Responses.JSON, body, requestId);
  }

  private FullHttpResponse unseal(
      ByteBufAllocator alloc,
      HttpVersion version,
      ByteBuf content,
      String requestId,
      Dispatcher.Completion completion) {
    byte[] body = ByteBufUtil.getBytes(content);
    content.setZero(content.readerIndex(), content.readableBytes());
    char[] passphrase;
    try {
      passphrase = PassphraseBody.read(body);
    } catch (ApiException e) {
      return error(alloc, version, 400, e, requestId);
    } finally {
      Arrays.fill(body, (byte) 0);
    }
    try {
      blocking.execute(
          () -> {
            FullHttpResponse response = null;
            try {
              admin.unseal(passphrase);
              response = Responses.json(alloc, version, HttpResponseStatus.OK, Responses.JSON,
                  JsonNodeFactory.instance.objectNode().put("sealed", false), requestId);
            } catch (UnsealException e) {
              response = Responses.error(alloc, version, 400, "UnsealFailedException", e.getMessage(),
                  Responses.JSON, requestId);
            } catch (RuntimeException e) {
              Failures.log("Unseal", requestId, e);
            } finally {
              Arrays.fill(passphrase, '\0');
              completion.complete(response != null ? response : internal(alloc, version, requestId));
            }
          });
      return null;
    } catch (RejectedExecutionException e) {
      Arrays.fill(passphrase, '\0');
      return busy(alloc, version, requestId);
    }
  }

  private FullHttpResponse reset(
      ByteBufAllocator alloc, HttpVersion version, String requestId, Dispatcher.Completion completion) {
    if (!admin.resetAllowed()) {
      return Responses.error(alloc, version, 403, "AccessDeniedException",
          "Reset is only allowed in dev mode.", Responses.JSON, requestId);
    }
    try {
      blocking.execute(
          () -> {
            FullHttpResponse response = null;
            try {
              admin.reset();
              response = Responses.json(alloc, version, HttpResponseStatus.OK, Responses.JSON,
                  JsonNodeFactory.instance.objectNode(), requestId);
            } catch (RuntimeException e) {
              Failures.log("Reset", requestId, e);
            } finally {
              completion.complete(response != null ? response : internal(alloc, version, requestId));
            }
          });
      return null;
    } catch (RejectedExecutionException e) {
      return busy(alloc, version, requestId);
    }
  }

  private static FullHttpResponse error(
      ByteBufAllocator alloc, HttpVersion version, int status, ApiException e, String requestId) {
    return Responses.error(alloc, version, status, e.code(), e.getMessage(), Responses.JSON, requestId);
  }

  private static FullHttpResponse internal(ByteBufAllocator alloc, HttpVersion version, String requestId) {
    return Responses.error(alloc, version, 500, "InternalFailure", Dispatcher.INTERNAL_MESSAGE,
        Responses.JSON, requestId);
  }

  private static FullHttpResponse busy(ByteBufAllocator alloc, HttpVersion version, String requestId) {
    return Responses.error(alloc, version, 503, "ServiceUnavailableException",
        "The server is too busy to take this request. Retry later.", Responses.JSON, requestId);
  }
}
