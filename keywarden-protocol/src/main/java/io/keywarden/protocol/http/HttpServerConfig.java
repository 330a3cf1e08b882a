package io.keywarden.protocol.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How the HTTP server listens and runs.
 *
 * @param host the address to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port the port; 0 picks a free one ({@link KeywardenHttpServer#port()} tells which)
 * @param tls TLS, or {@code null} for plain HTTP
 * @param maxBodyBytes the largest request body accepted; larger ones get 413 and the connection is
 *     closed, without the body being buffered
 * @param ioThreads the event loop threads; 0 for one per processor
 * @param blockingThreads the threads that run {@link io.keywarden.services.api.Execution#BLOCKING}
 *     operations and the admin routes that block
 * @param computeThreads the threads that run {@link io.keywarden.services.api.Execution#COMPUTE}
 *     operations (asymmetric signatures); 0 for one per processor: they only compute, so more
 *     threads than cores would only add context switches (and starve the JIT compiler)
 * @param blockingQueue how many blocking calls, and separately how many compute calls, may wait for
 *     a thread; beyond that, callers get {@code ThrottlingException}
 * @param idleTimeout how long a connection may sit idle before the server closes it
 */
public record HttpServerConfig(
    String host,
    int port,
    TlsConfig tls,
    int maxBodyBytes,
    int ioThreads,
    int blockingThreads,
    int computeThreads,
    int blockingQueue,
    Duration idleTimeout) {

  /** 1 MiB: above every request size the AWS models allow for KMS, Secrets Manager and SSM. */
  public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;

  public HttpServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be positive");
    }
    if (ioThreads < 0 || blockingThreads < 1 || computeThreads < 0 || blockingQueue < 1) {
      throw new IllegalArgumentException("thread counts and queue size must be positive");
    }
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout must be positive");
    }
  }

  /** The compute pool's size: {@link #computeThreads()}, or one thread per processor if that is 0. */
  public int effectiveComputeThreads() {
    return computeThreads > 0 ? computeThreads : Runtime.getRuntime().availableProcessors();
  }

  /**
   * Plain HTTP on 127.0.0.1, an ephemeral port, 1 MiB bodies, 16 blocking threads, one I/O and one
   * compute thread per processor.
   */
  public static HttpServerConfig defaults() {
    return new HttpServerConfig(
        "127.0.0.1", 0, null, DEFAULT_MAX_BODY_BYTES, 0, 16, 0, 1024, Duration.ofMinutes(5));
  }

  public HttpServerConfig withHost(String newHost) {
    return new HttpServerConfig(
        newHost, port, tls, maxBodyBytes,
        ioThreads, blockingThreads, computeThreads, blockingQueue, idleTimeout);
  }

  public HttpServerConfig withPort(int newPort) {
    return new HttpServerConfig(
        host, newPort, tls, maxBodyBytes,
        ioThreads, blockingThreads, computeThreads, blockingQueue, idleTimeout);
  }

  public HttpServerConfig withTls(TlsConfig newTls) {
    return new HttpServerConfig(
        host, port, newTls, maxBodyBytes,
        ioThreads, blockingThreads, computeThreads, blockingQueue, idleTimeout);
  }

  public HttpServerConfig withMaxBodyBytes(int newMaxBodyBytes) {
    return new HttpServerConfig(
        host, port, tls, newMaxBodyBytes,
        ioThreads, blockingThreads, computeThreads, blockingQueue, idleTimeout);
  }

  public HttpServerConfig withThreads(int newIoThreads, int newBlockingThreads) {
    return new HttpServerConfig(
        host, port, tls, maxBodyBytes,
        newIoThreads, newBlockingThreads, computeThreads, blockingQueue, idleTimeout);
  }

  /** @param newComputeThreads the compute pool's threads; 0 for one per processor */
  public HttpServerConfig withComputeThreads(int newComputeThreads) {
    return new HttpServerConfig(
        host, port, tls, maxBodyBytes,
        ioThreads, blockingThreads, newComputeThreads, blockingQueue, idleTimeout);
  }

  public HttpServerConfig withBlockingQueue(int newBlockingQueue) {
    return new HttpServerConfig(
        host, port, tls, maxBodyBytes,
        ioThreads, blockingThreads, computeThreads, newBlockingQueue, idleTimeout);
  }

  public HttpServerConfig withIdleTimeout(Duration newIdleTimeout) {
    return new HttpServerConfig(
        host, port, tls, maxBodyBytes,
        ioThreads, blockingThreads, computeThreads, blockingQueue, newIdleTimeout);
  }
}
