package io.keywarden.domain.key;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A KMS grant as stored.
 *
 * @param grantId 64 hex characters
 * @param keyAccountId the key's account (the grant's issuing account)
 * @param name the optional idempotency name
 * @param granteePrincipal the ARN (or service principal) allowed to use the key
 * @param retiringPrincipal who may retire the grant, or {@code null}
 * @param operations the grant operations ({@code Encrypt}, {@code Decrypt}...)
 * @param encryptionContextEquals the constraint, or {@code null}
 * @param encryptionContextSubset the constraint, or {@code null}
 * @param issuer the ARN of the principal that created it
 */
public record Grant(
    String grantId,
    String region,
    String keyId,
    String keyAccountId,
    String name,
    String granteePrincipal,
    String retiringPrincipal,
    List<String> operations,
    Map<String, String> encryptionContextEquals,
    Map<String, String> encryptionContextSubset,
    String issuer,
    Instant creationDate) {
  public Grant {
    Objects.requireNonNull(grantId, "grantId");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(keyAccountId, "keyAccountId");
    Objects.requireNonNull(granteePrincipal, "granteePrincipal");
    operations = List.copyOf(operations);
    encryptionContextEquals = encryptionContextEquals == null ? null : Map.copyOf(encryptionContextEquals);
    encryptionContextSubset = encryptionContextSubset == null ? null : Map.copyOf(encryptionContextSubset);
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(creationDate, "creationDate");
  }
}
