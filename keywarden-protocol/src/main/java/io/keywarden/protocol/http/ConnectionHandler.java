package io.keywarden.protocol.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;

/**
 * One connection's requests, answered in order (HTTP/1.1 pipelining included): while a request's
 * answer comes later (it runs on a pool, or waits for its audit record), later ones wait here, and
 * reading pauses as soon as one waits (not before: pausing and resuming costs two {@code epoll_ctl}
 * calls, and a client that waits for each answer never sends the next request early). Inline answers
 * are written at once and flushed together at the end of the read, so that several pipelined
 * requests cost one flush.
 * Keep-alive follows the request (HTTP/1.1 unless {@code Connection: close}; HTTP/1.0 only with
 * {@code Connection: keep-alive}); a {@link RefusedRequest} takes its turn like a request, and the
 * connection closes after its answer. Lives on the connection's event loop; not shared.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
  private static final System.Logger LOG = System.getLogger(ConnectionHandler.class.getName());

  private final Dispatcher dispatcher;
  private final boolean secure;
  /** Requests ({@link FullHttpRequest}, {@link RefusedRequest}) that wait for an earlier answer. */
  private final ArrayDeque<Object> waiting = new ArrayDeque<>(4);
  private ChannelHandlerContext ctx;
  private Dispatcher.Connection connection;
  private boolean busy;
  private boolean closing;
  private boolean flushNeeded;
  /** Whether a request is being dispatched (a late answer must then wait until the dispatch returns). */
  private boolean dispatching;

  ConnectionHandler(Dispatcher dispatcher, boolean secure) {
    this.dispatcher = dispatcher;
    this.secure = secure;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext context) {
    this.ctx = context;
  }

  @Override
  public void channelActive(ChannelHandlerContext context) {
    SocketAddress remote = context.channel().remoteAddress();
    String ip = remote instanceof InetSocketAddress && ((InetSocketAddress) remote).getAddress() != null
        ? ((InetSocketAddress) remote).getAddress().getHostAddress()
        : "";
    connection = new Dispatcher.Connection(ip, secure);
    context.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext context, Object msg) {
    if (!(msg instanceof FullHttpRequest || msg instanceof RefusedRequest) || closing) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof RefusedRequest) {
      // The connection closes after its answer: nothing more is read.
      ctx.channel().config().setAutoRead(false);
    }
    if (busy) {
      waiting.add(msg);
      ctx.channel().config().setAutoRead(false);
      return;
    }
    handle(msg);
  }

  /**
   * Dispatches a request, or a refused one (answered, once recorded, like any other; the connection
   * then closes).
   */
  private void handle(Object msg) {
    RefusedRequest refused = msg instanceof RefusedRequest r ? r : null;
    FullHttpRequest request = refused == null ? (FullHttpRequest) msg : null;
    boolean keepAlive = refused == null && HttpUtil.isKeepAlive(request);
    HttpVersion version = refused != null ? refused.version() : request.protocolVersion();
    Dispatcher.Completion later = answer -> answerLater(answer, keepAlive, version);
    FullHttpResponse response;
    dispatching = true;
    try {
      response = refused != null
          ? dispatcher.refused(ctx, refused, connection, later)
          : dispatcher.dispatch(ctx, request, connection, later);
    } finally {
      dispatching = false;
      ReferenceCountUtil.release(msg);
    }
    if (response == null) {
      busy = true;
      return;
    }
    write(response, keepAlive, version);
  }

  /**
   * A late answer, from any thread: on the event loop (an audited answer whose record became durable)
   * it is written at once, unless the dispatch that will wait for it has not returned yet; from
   * elsewhere it is handed to the event loop.
   */
  private void answerLater(FullHttpResponse response, boolean keepAlive, HttpVersion version) {
    if (ctx.executor().inEventLoop() && !dispatching) {
      resume(response, keepAlive, version);
    } else {
      ctx.executor().execute(() -> resume(response, keepAlive, version));
    }
  }

  private void write(FullHttpResponse response, boolean keepAlive, HttpVersion version) {
    if (!keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      closing = true;
      flushNeeded = false;
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
      dropWaiting();
      return;
    }
    if (version == HttpVersion.HTTP_1_0) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }
    ctx.write(response, ctx.voidPromise());
    flushNeeded = true;
  }

  /** On the event loop: the blocking request's answer, then the requests that waited for it. */
  private void resume(FullHttpResponse response, boolean keepAlive, HttpVersion version) {
    busy = false;
    if (closing || !ctx.channel().isActive()) {
      response.release();
      dropWaiting();
      return;
    }
    write(response, keepAlive, version);
    while (!busy && !closing && !waiting.isEmpty()) {
      handle(waiting.poll());
    }
    flush();
    if (!busy && !closing) {
      ctx.channel().config().setAutoRead(true);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext context) {
    flush();
    context.fireChannelReadComplete();
  }

  private void flush() {
    if (flushNeeded) {
      flushNeeded = false;
      ctx.flush();
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext context) {
    // A client that does not read its answers stops being read from.
    if (!busy && !closing) {
      context.channel().config().setAutoRead(context.channel().isWritable());
    }
    context.fireChannelWritabilityChanged();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext context, Object event) {
    if (event instanceof IdleStateEvent) {
      if (!busy) {
        context.close();
      }
      return;
    }
    context.fireUserEventTriggered(event);
  }

  @Override
  public void channelInactive(ChannelHandlerContext context) {
    dropWaiting();
    context.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
    // Resets and TLS failures are the network's, not ours: no stack, no message.
    LOG.log(System.Logger.Level.DEBUG, () -> "Closing a connection after " + cause.getClass().getName());
    context.close();
  }

  private void dropWaiting() {
    Object request;
    while ((request = waiting.poll()) != null) {
      ReferenceCountUtil.release(request);
    }
  }
}
