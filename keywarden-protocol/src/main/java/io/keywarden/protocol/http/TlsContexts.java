package io.keywarden.protocol.http;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;

/** Builds the server's {@link SslContext} (JDK provider, TLS 1.3 and 1.2) from a {@link TlsConfig}. */
final class TlsContexts {
  private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  /** A TLS context and the certificate chain it presents. */
  static final class Tls {
    final SslContext context;
    final List<X509Certificate> chain;

    Tls(SslContext context, List<X509Certificate> chain) {
      this.context = context;
      this.chain = List.copyOf(chain);
    }
  }

  private TlsContexts() {}

  static Tls create(TlsConfig config) {
    try {
      if (config instanceof TlsConfig.SelfSigned) {
        SelfSignedCertificates.Generated generated =
            SelfSignedCertificates.generate(((TlsConfig.SelfSigned) config).hostnames());
        SslContext context =
            SslContextBuilder.forServer(generated.keyPair.getPrivate(), generated.certificate)
                .sslProvider(SslProvider.JDK)
                .protocols(PROTOCOLS)
                .build();
        return new Tls(context, List.of(generated.certificate));
      }
      TlsConfig.PemFiles pem = (TlsConfig.PemFiles) config;
      SslContext context;
      try (InputStream chain = Files.newInputStream(pem.certificateChain());
          InputStream key = Files.newInputStream(pem.privateKey())) {
        context = SslContextBuilder.forServer(chain, key).sslProvider(SslProvider.JDK).protocols(PROTOCOLS).build();
      } catch (IllegalArgumentException e) {
        // Netty says which file it could not read; its message does not quote key material.
        throw new IllegalArgumentException("Cannot read the TLS certificate chain or private key: "
            + pem.certificateChain() + ", " + pem.privateKey(), e);
      }
      return new Tls(context, readChain(pem));
    } catch (SSLException e) {
      throw new IllegalStateException("Cannot set up TLS", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the TLS files", e);
    }
  }

  private static List<X509Certificate> readChain(TlsConfig.PemFiles pem) throws IOException {
    try (InputStream in = Files.newInputStream(pem.certificateChain())) {
      List<X509Certificate> chain = new ArrayList<>();
      CertificateFactory.getInstance("X.509").generateCertificates(in)
          .forEach(c -> chain.add((X509Certificate) c));
      return chain;
    } catch (CertificateException e) {
      throw new IllegalArgumentException("Cannot parse the certificate chain " + pem.certificateChain(), e);
    }
  }
}
