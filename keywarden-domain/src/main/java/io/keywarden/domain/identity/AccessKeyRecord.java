package io.keywarden.domain.identity;

import io.keywarden.domain.trust.WrappedKey;
import java.time.Instant;
import java.util.Objects;

/**
 * An access key as stored. The secret access key is wrapped by the root of trust.
 *
 * @param principalArn whose key this is (for now, the account root)
 * @param active {@code false} for a deactivated key, which authenticates nothing
 */
public record AccessKeyRecord(
    String accessKeyId,
    String accountId,
    String principalArn,
    WrappedKey wrappedSecret,
    Instant createdAt,
    boolean active) {
  public AccessKeyRecord {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(principalArn, "principalArn");
    Objects.requireNonNull(wrappedSecret, "wrappedSecret");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
