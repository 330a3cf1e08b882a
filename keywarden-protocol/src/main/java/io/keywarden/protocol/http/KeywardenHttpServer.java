package io.keywarden.protocol.http;

import io.keywarden.protocol.sigv4.SessionExpiry;
import io.keywarden.protocol.sigv4.SigV4Verifier;
import io.keywarden.services.admin.AdminControl;
import io.keywarden.services.api.ApiService;
import io.keywarden.services.audit.AuditTrail;
import io.keywarden.services.identity.CredentialLookup;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Keywarden's HTTP(S) server: AWS JSON 1.1 APIs at {@code POST /} (routed by {@code X-Amz-Target}),
 * AWS Query APIs (STS) at {@code POST /} with a form body or {@code GET /?Action=...} (routed by
 * SigV4 signing name and {@code Action}), and Keywarden's admin routes under {@code /_keywarden/}.
 * See {@link Dispatcher} and {@link QueryCalls} for what happens to a call and {@link AdminRoutes}
 * for the admin routes.
 *
 * <p>Wiring:
 *
 * <pre>{@code
 * try (KeywardenHttpServer server = new KeywardenHttpServer(
 *     HttpServerConfig.defaults().withPort(4566), List.of(kms), credentials, admin, RequestIds.random())) {
 *   server.start();
 *   ...
 * }
 * }</pre>
 *
 * <p>The constructor loads every service's model and checks the services against them, failing fast
 * with {@link IllegalArgumentException}. {@link CredentialLookup#find} and {@link
 * AdminControl#health()} are called on the I/O threads for every API call and must answer from
 * memory.
 */
public final class KeywardenHttpServer implements AutoCloseable {
  private final HttpServerConfig config;
  private final Dispatcher dispatcher;
  private final ThreadPoolExecutor blocking;
  private final ThreadPoolExecutor compute;
  private final TlsContexts.Tls tls;
  private EventLoopGroup acceptor;
  private EventLoopGroup workers;
  private Channel serverChannel;
  private int port = -1;

  public KeywardenHttpServer(
      HttpServerConfig config,
      List<ApiService> services,
      CredentialLookup credentials,
      AdminControl admin,
      Supplier<String> requestIds) {
    this(config, services, credentials, admin, requestIds, Clock.systemUTC());
  }

  /** As the other constructor, with the clock that SigV4's skew check and call times read. */
  public KeywardenHttpServer(
      HttpServerConfig config,
      List<ApiService> services,
      CredentialLookup credentials,
      AdminControl admin,
      Supplier<String> requestIds,
      Clock clock) {
    this(config, services, credentials, SessionExpiry.UNKNOWN, admin, requestIds, clock);
  }

  /**
   * As the other constructors, with what tells expired temporary credentials from unknown ones
   * (AWS's {@code ExpiredTokenException} / {@code ExpiredToken} rather than {@code
   * UnrecognizedClientException} / {@code InvalidClientTokenId}).
   */
  public KeywardenHttpServer(
      HttpServerConfig config,
      List<ApiService> services,
      CredentialLookup credentials,
      SessionExpiry sessions,
      AdminControl admin,
      Supplier<String> requestIds,
      Clock clock) {
    this(config, services, credentials, sessions, admin, requestIds, clock, AuditTrail.none());
  }

  /**
   * As the other constructors, recording every API call in {@code audit} before answering it: a call
   * whose record cannot be made durable is answered with the service's internal error. The other
   * constructors record nothing ({@link AuditTrail#none()}): for tests of the protocol alone.
   */
  public KeywardenHttpServer(
      HttpServerConfig config,
      List<ApiService> services,
      CredentialLookup credentials,
      SessionExpiry sessions,
      AdminControl admin,
      Supplier<String> requestIds,
      Clock clock,
      AuditTrail audit) {
    Objects.requireNonNull(audit, "audit");
    this.config = Objects.requireNonNull(config, "config");
    Objects.requireNonNull(requestIds, "requestIds");
    Objects.requireNonNull(admin, "admin");
    Routing routing = new Routing(List.copyOf(services));
    this.blocking = new ThreadPoolExecutor(
        config.blockingThreads(), config.blockingThreads(), 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(config.blockingQueue()),
        new DefaultThreadFactory("keywarden-blocking", true));
    this.blocking.allowCoreThreadTimeOut(true);
    int computeThreads = config.effectiveComputeThreads();
    this.compute = new ThreadPoolExecutor(
        computeThreads, computeThreads, 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(config.blockingQueue()),
        new DefaultThreadFactory("keywarden-compute", true));
    this.compute.allowCoreThreadTimeOut(true);
    this.dispatcher = new Dispatcher(routing, new SigV4Verifier(credentials, sessions, clock), credentials,
        admin, blocking, compute, requestIds, clock, audit);
    this.tls = config.tls() == null ? null : TlsContexts.create(config.tls());
  }

  /**
   * Binds and starts serving.
   *
   * @throws IllegalStateException if already started or the address cannot be bound
   */
  public synchronized void start() {
    if (serverChannel != null) {
      throw new IllegalStateException("Already started");
    }
    acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("keywarden-accept", true),
        NioIoHandler.newFactory());
    int ioThreads = config.ioThreads() > 0 ? config.ioThreads() : Runtime.getRuntime().availableProcessors();
    workers = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory("keywarden-io", true),
        NioIoHandler.newFactory());
    try {
      ServerBootstrap bootstrap = new ServerBootstrap()
          .group(acceptor, workers)
          .channel(NioServerSocketChannel.class)
          .option(ChannelOption.SO_BACKLOG, 1024)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childOption(ChannelOption.SO_KEEPALIVE, true)
          .childHandler(new ServerInitializer(tls == null ? null : tls.context, dispatcher, config));
      serverChannel = bootstrap.bind(config.host(), config.port()).syncUninterruptibly().channel();
      port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
    } catch (RuntimeException e) {
      shutdownLoops();
      serverChannel = null;
      throw new IllegalStateException("Cannot listen on " + config.host() + ":" + config.port(), e);
    }
  }

  /** The bound port (the chosen one when configured with 0). */
  public synchronized int port() {
    if (port < 0) {
      throw new IllegalStateException("Not started");
    }
    return port;
  }

  /** Whether the server speaks TLS. */
  public boolean secure() {
    return tls != null;
  }

  /**
   * The certificate chain the server presents (leaf first), e.g. to print the fingerprint of a
   * generated self-signed certificate or hand it to clients; empty without TLS.
   */
  public List<X509Certificate> certificateChain() {
    return tls == null ? List.of() : tls.chain;
  }

  /** Stops accepting, closes connections, and stops the threads. Idempotent. */
  @Override
  public synchronized void close() {
    if (serverChannel != null) {
      serverChannel.close().syncUninterruptibly();
      serverChannel = null;
    }
    shutdownLoops();
    shutdown(blocking);
    shutdown(compute);
  }

  private static void shutdown(ThreadPoolExecutor pool) {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private void shutdownLoops() {
    if (acceptor != null) {
      acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
      acceptor = null;
    }
    if (workers != null) {
      workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
      workers = null;
    }
  }
}
