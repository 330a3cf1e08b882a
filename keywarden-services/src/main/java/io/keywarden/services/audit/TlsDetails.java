package io.keywarden.services.audit;

/**
 * The record's {@code tlsDetails}, for a call that came over TLS.
 *
 * @param tlsVersion e.g. {@code TLSv1.3}
 * @param cipherSuite e.g. {@code TLS_AES_256_GCM_SHA384}
 * @param clientProvidedHostHeader the request's {@code Host} header, or {@code null}
 */
public record TlsDetails(String tlsVersion, String cipherSuite, String clientProvidedHostHeader) {}
