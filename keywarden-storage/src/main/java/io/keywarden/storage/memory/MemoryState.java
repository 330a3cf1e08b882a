package io.keywarden.storage.memory;

import io.keywarden.domain.alias.AliasRecord;
import io.keywarden.domain.identity.AccessKeyRecord;
import io.keywarden.domain.identity.IamRole;
import io.keywarden.domain.identity.IamUser;
import io.keywarden.domain.key.Grant;
import io.keywarden.domain.key.KeyRecord;
import io.keywarden.domain.secret.SecretRecord;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Every map of a {@link MemoryStorage}, behind one lock. Maps are sorted (Java's {@code String} order,
 * which is SQLite's for the ASCII identifiers stored here), so listing order comes for free.
 */
final class MemoryState {
  /** Where a key lives. */
  record KeyAt(String region, String keyId) {
    static final Comparator<KeyAt> ORDER =
        Comparator.comparing(KeyAt::region).thenComparing(KeyAt::keyId);
  }

  /** Where an alias lives. */
  record AliasAt(String accountId, String region, String aliasName) {
    static final Comparator<AliasAt> ORDER =
        Comparator.comparing(AliasAt::accountId)
            .thenComparing(AliasAt::region)
            .thenComparing(AliasAt::aliasName);
  }

  /** Where an IAM user or role lives: its account and name. */
  record NameAt(String accountId, String name) {
    static final Comparator<NameAt> ORDER =
        Comparator.comparing(NameAt::accountId).thenComparing(NameAt::name);
  }

  /** Where a grant lives. */
  record GrantAt(String region, String grantId) {
    static final Comparator<GrantAt> ORDER =
        Comparator.comparing(GrantAt::region).thenComparing(GrantAt::grantId);
  }

  /** Where a secret's name lives (unique in its account and region). */
  record SecretAt(String accountId, String region, String name) {
    static final Comparator<SecretAt> ORDER =
        Comparator.comparing(SecretAt::accountId)
            .thenComparing(SecretAt::region)
            .thenComparing(SecretAt::name);
  }

  final NavigableMap<KeyAt, KeyRecord> keys = new TreeMap<>(KeyAt.ORDER);
  final NavigableMap<AliasAt, AliasRecord> aliases = new TreeMap<>(AliasAt.ORDER);
  final NavigableMap<String, AccessKeyRecord> accessKeys = new TreeMap<>();
  final NavigableMap<NameAt, IamUser> users = new TreeMap<>(NameAt.ORDER);
  /** The same users by user id (SQLite's unique index on {@code user_id}). */
  final Map<String, IamUser> usersById = new HashMap<>();
  final NavigableMap<NameAt, IamRole> roles = new TreeMap<>(NameAt.ORDER);
  final NavigableMap<GrantAt, Grant> grants = new TreeMap<>(GrantAt.ORDER);
  final Map<String, byte[]> settings = new TreeMap<>();
  /** Secrets by ARN. */
  final Map<String, SecretRecord> secrets = new HashMap<>();
  /** Secret ARNs by account, region and name. */
  final NavigableMap<SecretAt, String> secretNames = new TreeMap<>(SecretAt.ORDER);

  private final ReadWriteLock lock = new ReentrantReadWriteLock();

  <T> T read(Supplier<T> work) {
    lock.readLock().lock();
    try {
      return work.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  <T> T write(Supplier<T> work) {
    lock.writeLock().lock();
    try {
      return work.get();
    } finally {
      lock.writeLock().unlock();
    }
  }

  static KeyAt at(KeyRecord key) {
    return new KeyAt(key.region(), key.keyId());
  }

  static AliasAt at(AliasRecord alias) {
    return new AliasAt(alias.accountId(), alias.region(), alias.aliasName());
  }

  static NameAt at(IamUser user) {
    return new NameAt(user.accountId(), user.userName());
  }

  static NameAt at(IamRole role) {
    return new NameAt(role.accountId(), role.roleName());
  }

  static SecretAt at(SecretRecord secret) {
    return new SecretAt(secret.accountId(), secret.region(), secret.name());
  }

  static GrantAt at(Grant grant) {
    return new GrantAt(grant.region(), grant.grantId());
  }
}
