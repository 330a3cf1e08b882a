package io.keywarden.server;

import io.keywarden.domain.storage.Storage;
import io.keywarden.domain.trust.UnsealException;
import io.keywarden.services.identity.AccessKeys;
import io.keywarden.services.identity.IssuedAccessKey;
import io.keywarden.services.identity.declared.ApplyResult;
import io.keywarden.services.identity.declared.DeclaredIdentities;
import io.keywarden.services.identity.declared.IdentitiesApply;
import io.keywarden.storage.sqlite.SqliteStorage;
import io.keywarden.trust.passphrase.PassphraseRootOfTrust;
import io.keywarden.trust.passphrase.SealConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * A production installation: a data directory whose settings hold the seal and the default account.
 * Used by {@code keywarden init}, {@code credentials} and the server.
 */
public final class Installation {
  static final String DEFAULT_ACCOUNT_SETTING = "account.default";

  private Installation() {}

  public static Storage openStorage(Path dataDir) {
    return SqliteStorage.open(dataDir);
  }

  public static boolean isInitialized(Storage storage) {
    return storage.settings().get(SealConfig.SETTING_NAME).isPresent();
  }

  /** The seal's root of trust, still sealed. */
  static PassphraseRootOfTrust rootOf(Storage storage) {
    byte[] seal =
        storage
            .settings()
            .get(SealConfig.SETTING_NAME)
            .orElseThrow(() -> new IllegalStateException("not initialised: run 'keywarden init'"));
    return new PassphraseRootOfTrust(SealConfig.parse(seal));
  }

  public static String defaultAccount(Storage storage) {
    return storage
        .settings()
        .get(DEFAULT_ACCOUNT_SETTING)
        .map(b -> new String(b, StandardCharsets.US_ASCII))
        .orElseThrow(() -> new IllegalStateException("no default account: run 'keywarden init'"));
  }

  /**
   * Seals a new installation with {@code passphrase} and issues the account root's first access key.
   *
   * @throws IllegalStateException if the storage is already initialised
   */
  public static IssuedAccessKey initialize(Storage storage, char[] passphrase, String accountId)
      throws UnsealException {
    SealConfig seal = PassphraseRootOfTrust.initialize(passphrase);
    if (!storage.settings().putIfAbsent(SealConfig.SETTING_NAME, seal.encoded())) {
      throw new IllegalStateException("already initialised");
    }
    storage.settings().put(DEFAULT_ACCOUNT_SETTING, accountId.getBytes(StandardCharsets.US_ASCII));
    return issueAccessKey(storage, passphrase, accountId);
  }

  /** Unseals a root of trust with {@code passphrase} just long enough to wrap a new secret. */
  public static IssuedAccessKey issueAccessKey(Storage storage, char[] passphrase, String accountId)
      throws UnsealException {
    PassphraseRootOfTrust root = rootOf(storage);
    root.unseal(passphrase);
    try {
      return new AccessKeys(storage.accessKeys(), root, Clock.systemUTC(), null)
          .createForAccountRoot(accountId);
    } finally {
      root.seal();
    }
  }

  /**
   * Applies declared identities, the root of trust unsealed with {@code passphrase} for as long as it
   * takes (access keys' secrets are wrapped and compared). Running servers see the change within a
   * second.
   */
  public static ApplyResult applyIdentities(Storage storage, char[] passphrase,
      DeclaredIdentities declared, boolean dryRun) throws UnsealException {
    PassphraseRootOfTrust root = rootOf(storage);
    root.unseal(passphrase);
    try {
      AccessKeys keys = new AccessKeys(storage.accessKeys(), root, Clock.systemUTC(), null);
      return new IdentitiesApply(storage, keys, Clock.systemUTC()).apply(declared, dryRun);
    } finally {
      root.seal();
    }
  }

  public static String randomAccountId() {
    SecureRandom r = new SecureRandom();
    StringBuilder s = new StringBuilder(12);
    s.append((char) ('1' + r.nextInt(9)));
    for (int i = 1; i < 12; i++) {
      s.append((char) ('0' + r.nextInt(10)));
    }
    return s.toString();
  }
}
