package io.keywarden.server;

import io.keywarden.domain.storage.Storage;
import io.keywarden.domain.trust.RootOfTrust;
import io.keywarden.domain.trust.UnsealException;
import io.keywarden.services.admin.AdminControl;
import io.keywarden.services.identity.AccessKeys;
import io.keywarden.services.kms.KmsService;

/** What {@code /_keywarden/...} does: health, unseal, and the dev-mode reset. */
final class AdminEndpoints implements AdminControl {
  private final boolean dev;
  private final RootOfTrust root;
  private final Storage storage;
  private final KmsService kms;
  private final AccessKeys accessKeys;
  private final Runnable seed;

  AdminEndpoints(
      boolean dev,
      RootOfTrust root,
      Storage storage,
      KmsService kms,
      AccessKeys accessKeys,
      Runnable seed) {
    this.dev = dev;
    this.root = root;
    this.storage = storage;
    this.kms = kms;
    this.accessKeys = accessKeys;
    this.seed = seed;
  }

  @Override
  public Health health() {
    return new Health(root.isSealed(), dev, Version.current());
  }

  @Override
  public void unseal(char[] passphrase) throws UnsealException {
    if (root.isSealed()) {
      root.unseal(passphrase);
    }
  }

  @Override
  public boolean resetAllowed() {
    return dev;
  }

  @Override
  public synchronized void reset() {
    if (!dev) {
      throw new IllegalStateException("reset is for dev mode only");
    }
    storage.wipe();
    kms.clearCaches();
    accessKeys.clearCache();
    seed.run();
  }
}
