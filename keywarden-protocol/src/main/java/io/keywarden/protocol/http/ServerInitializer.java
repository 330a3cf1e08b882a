package io.keywarden.protocol.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/** Each connection's pipeline: [TLS] → idle timeout → HTTP codec → body limit → requests. */
final class ServerInitializer extends ChannelInitializer<SocketChannel> {
  private static final HttpDecoderConfig DECODER =
      new HttpDecoderConfig()
          .setMaxInitialLineLength(8192)
          .setMaxHeaderSize(32768)
          .setMaxChunkSize(65536);

  private final SslContext tls;
  private final Dispatcher dispatcher;
  private final HttpServerConfig config;

  ServerInitializer(SslContext tls, Dispatcher dispatcher, HttpServerConfig config) {
    this.tls = tls;
    this.dispatcher = dispatcher;
    this.config = config;
  }

  @Override
  protected void initChannel(SocketChannel channel) {
    ChannelPipeline pipeline = channel.pipeline();
    if (tls != null) {
      pipeline.addLast("tls", tls.newHandler(channel.alloc()));
    }
    pipeline.addLast("idle", new IdleStateHandler(0, 0, config.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
    pipeline.addLast("http", new HttpServerCodec(DECODER));
    pipeline.addLast("body", new BodyAggregator(config.maxBodyBytes()));
    pipeline.addLast("requests", new ConnectionHandler(dispatcher, tls != null));
  }
}
