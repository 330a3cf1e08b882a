package io.keywarden.protocol.http;

import io.keywarden.services.audit.ApiCall;
import io.keywarden.services.audit.TlsDetails;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import java.time.Instant;
import javax.net.ssl.SSLSession;

/**
 * One request on its way to an answer: how to write the answer, where a late answer goes, and the
 * call's audit record ({@code null} when audit is off), filled as the call goes.
 */
final class Exchange {
  final ByteBufAllocator alloc;
  final HttpVersion version;
  final String requestId;
  final Instant receivedAt;
  /** The connection's event loop: late answers are written from it. */
  final ChannelHandlerContext ctx;
  final Dispatcher.Completion completion;
  /** The call's audit record, or {@code null} when calls are not audited. */
  final ApiCall call;

  Exchange(ChannelHandlerContext ctx, HttpVersion version, HttpHeaders headers, Dispatcher.Connection connection,
      String requestId, Instant receivedAt, Dispatcher.Completion completion, boolean audited) {
    this.alloc = ctx.alloc();
    this.version = version;
    this.requestId = requestId;
    this.receivedAt = receivedAt;
    this.ctx = ctx;
    this.completion = completion;
    this.call = audited ? newCall(ctx, headers, connection, requestId, receivedAt) : null;
  }

  private static ApiCall newCall(ChannelHandlerContext ctx, HttpHeaders headers,
      Dispatcher.Connection connection, String requestId, Instant receivedAt) {
    String userAgent = headers.get(HttpHeaderNames.USER_AGENT);
    ApiCall call = new ApiCall(requestId, receivedAt, connection.sourceIp(), userAgent,
        connection.secure() ? tls(ctx, headers) : null);
    CredentialScope scope = CredentialScope.of(headers.get(HttpHeaderNames.AUTHORIZATION));
    if (scope != null) {
      call.region(scope.region()).claimed(scope.accessKeyId(), null);
    }
    return call;
  }

  private static TlsDetails tls(ChannelHandlerContext ctx, HttpHeaders headers) {
    SslHandler handler = ctx.pipeline().get(SslHandler.class);
    String host = headers.get(HttpHeaderNames.HOST);
    if (handler == null) {
      return new TlsDetails(null, null, host);
    }
    SSLSession session = handler.engine().getSession();
    return new TlsDetails(session.getProtocol(), session.getCipherSuite(), host);
  }
}
