package io.keywarden.protocol.http;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** How the server gets its TLS certificate. */
public sealed interface TlsConfig {

  /**
   * A PEM certificate chain (leaf first) and its PEM private key (PKCS#8, unencrypted: {@code
   * -----BEGIN PRIVATE KEY-----}).
   */
  record PemFiles(Path certificateChain, Path privateKey) implements TlsConfig {
    public PemFiles {
      Objects.requireNonNull(certificateChain, "certificateChain");
      Objects.requireNonNull(privateKey, "privateKey");
    }
  }

  /**
   * A self-signed certificate (ECDSA P-256, one year) generated at start for these host names and IP
   * addresses; the first names the subject. Clients must be told to trust it: see {@link
   * KeywardenHttpServer#certificateChain()}.
   */
  record SelfSigned(List<String> hostnames) implements TlsConfig {
    public SelfSigned {
      hostnames = List.copyOf(hostnames);
      if (hostnames.isEmpty()) {
        throw new IllegalArgumentException("A self-signed certificate needs at least one host name");
      }
    }
  }

  static TlsConfig pemFiles(Path certificateChain, Path privateKey) {
    return new PemFiles(certificateChain, privateKey);
  }

  static TlsConfig selfSigned(String... hostnames) {
    return new SelfSigned(List.of(hostnames));
  }
}
