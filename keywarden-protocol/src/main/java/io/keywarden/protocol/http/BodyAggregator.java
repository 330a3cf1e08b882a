package io.keywarden.protocol.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;

/**
 * Assembles a request and its body into one {@link FullHttpRequest}, refusing oversized bodies
 * without buffering them: a {@code Content-Length} above the limit is answered before any body byte
 * is read, a chunked body as soon as it passes the limit; both get 413 with an AWS-shaped body and
 * the connection is closed. A refused request is passed on as a {@link RefusedRequest}, so that it is
 * answered in turn and audited like any call. Headers are passed on untouched (SigV4 signs them).
 * Answers {@code Expect: 100-continue}. A single-chunk body is passed on without copying.
 */
final class BodyAggregator extends ChannelInboundHandlerAdapter {
  private final int maxBodyBytes;
  private HttpRequest head;
  private ByteBuf body;
  private boolean discarding;

  BodyAggregator(int maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest) {
      start(ctx, (HttpRequest) msg);
      if (!(msg instanceof HttpContent)) {
        return;
      }
    }
    if (msg instanceof HttpContent) {
      content(ctx, (HttpContent) msg);
      return;
    }
    ctx.fireChannelRead(msg);
  }

  private void start(ChannelHandlerContext ctx, HttpRequest request) {
    releaseBody();
    head = null;
    discarding = true;
    if (request.decoderResult().isFailure()) {
      Throwable cause = request.decoderResult().cause();
      int status = cause instanceof TooLongHttpLineException ? 414
          : cause instanceof TooLongHttpHeaderException ? 431 : 400;
      refuse(ctx, request, null, status, "BadRequestException", "The HTTP request is malformed.");
      return;
    }
    long declared;
    try {
      declared = HttpUtil.getContentLength(request, -1L);
    } catch (NumberFormatException e) {
      refuse(ctx, request, request.uri(), 400, "BadRequestException", "The Content-Length is not a number.");
      return;
    }
    if (declared > maxBodyBytes) {
      tooLarge(ctx, request);
      return;
    }
    String expect = request.headers().get(HttpHeaderNames.EXPECT);
    if (expect != null && !HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(expect.trim())) {
      refuse(ctx, request, request.uri(), 417, "BadRequestException", "Only 'Expect: 100-continue' is supported.");
      return;
    }
    if (HttpUtil.is100ContinueExpected(request)) {
      ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER));
    }
    head = request;
    discarding = false;
  }

  private void content(ChannelHandlerContext ctx, HttpContent chunk) {
    try {
      if (discarding || head == null) {
        return;
      }
      if (chunk.decoderResult().isFailure()) {
        HttpRequest request = head;
        abandon();
        if (chunk.decoderResult().cause() instanceof TooLongFrameException) {
          tooLarge(ctx, request);
        } else {
          refuse(ctx, request, request.uri(), 400, "BadRequestException", "The HTTP request is malformed.");
        }
        return;
      }
      ByteBuf data = chunk.content();
      int have = body == null ? 0 : body.readableBytes();
      if ((long) have + data.readableBytes() > maxBodyBytes) {
        HttpRequest request = head;
        abandon();
        tooLarge(ctx, request);
        return;
      }
      if (!(chunk instanceof LastHttpContent)) {
        if (data.isReadable()) {
          if (body == null) {
            body = ctx.alloc().buffer(Math.max(data.readableBytes() * 2, 1024));
          }
          body.writeBytes(data);
        }
        return;
      }
      ByteBuf content;
      if (body == null) {
        content = data.retain();
      } else {
        body.writeBytes(data);
        content = body;
        body = null;
      }
      HttpHeaders trailers = ((LastHttpContent) chunk).trailingHeaders();
      FullHttpRequest full = new DefaultFullHttpRequest(head.protocolVersion(), head.method(), head.uri(),
          content, head.headers(), trailers.isEmpty() ? EmptyHttpHeaders.INSTANCE : trailers.copy());
      head = null;
      discarding = true;
      ctx.fireChannelRead(full);
    } finally {
      ReferenceCountUtil.release(chunk);
    }
  }

  private void abandon() {
    releaseBody();
    head = null;
    discarding = true;
  }

  private void tooLarge(ChannelHandlerContext ctx, HttpRequest request) {
    refuse(ctx, request, request.uri(), 413, "RequestEntityTooLargeException",
        "Request body exceeds the maximum size of " + maxBodyBytes + " bytes");
  }

  /**
   * Passes the refusal on in the request's place; it is answered in turn, and the connection closed
   * after it (the rest of the request cannot be told apart from a next one).
   */
  private void refuse(ChannelHandlerContext ctx, HttpRequest request, String uri, int status, String code,
      String message) {
    int q = uri == null ? -1 : uri.indexOf('?');
    String path = q < 0 ? uri : uri.substring(0, q);
    ctx.fireChannelRead(new RefusedRequest(request.protocolVersion(), request.headers(), path, status, code,
        message));
  }

  private void releaseBody() {
    if (body != null) {
      body.release();
      body = null;
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    releaseBody();
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    releaseBody();
  }
}
