package io.keywarden.domain.alias;

import io.keywarden.domain.key.KeyArns;
import java.time.Instant;
import java.util.Objects;

/**
 * An alias as stored.
 *
 * @param aliasName with its {@code alias/} prefix
 */
public record AliasRecord(
    String accountId,
    String region,
    String aliasName,
    String targetKeyId,
    Instant creationDate,
    Instant lastUpdatedDate) {
  public AliasRecord {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(aliasName, "aliasName");
    Objects.requireNonNull(targetKeyId, "targetKeyId");
    Objects.requireNonNull(creationDate, "creationDate");
    Objects.requireNonNull(lastUpdatedDate, "lastUpdatedDate");
  }

  public String arn() {
    return KeyArns.aliasArn(region, accountId, aliasName);
  }

  public AliasRecord retarget(String keyId, Instant when) {
    return new AliasRecord(accountId, region, aliasName, keyId, creationDate, when);
  }
}
