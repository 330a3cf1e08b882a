package io.keywarden.services.audit;

/**
 * The record's {@code tlsDetails}, for a call that came over TLS.
 *
 * @param tlsVersion e.g. {@code TLSv1.3}
 * @param cipherSuite e.g. {@code TLS_AES_256_GCM_SHA384}
 * @param clientProvidedHostHeader the request's {@code Host} header (at most {@value #MAX_HOST}
 *     characters of it), or {@code null}
 */
public record TlsDetails(String tlsVersion, String cipherSuite, String clientProvidedHostHeader) {
  /** A host name (253) with a port: longer {@code Host} headers are cut, not recorded whole. */
  public static final int MAX_HOST = 260;

  public TlsDetails {
    if (clientProvidedHostHeader != null && clientProvidedHostHeader.length() > MAX_HOST) {
      clientProvidedHostHeader = clientProvidedHostHeader.substring(0, MAX_HOST);
    }
  }
}
