package io.keywarden.trust.dev;

import io.keywarden.domain.storage.SettingsRepository;
import io.keywarden.domain.trust.UnsealException;
import io.keywarden.trust.passphrase.KdfParameters;
import io.keywarden.trust.passphrase.PassphraseRootOfTrust;
import io.keywarden.trust.passphrase.SealConfig;

/**
 * A stable root of trust for {@code --dev} with a data directory: a {@link PassphraseRootOfTrust}
 * whose seal (stored in the settings like a production seal) opens with {@link #DEV_PASSPHRASE} at
 * {@link #DEV_KDF}'s low cost, so dev mode still starts in well under a second.
 *
 * <p><b>Insecure by design:</b> the passphrase is published here, so the seal protects nothing. A data
 * directory made this way must never hold real keys; one made in production mode does not open here.
 */
public final class DevRootOfTrust {
  /** The published dev passphrase. Anyone can unseal a dev data directory with it. */
  public static final String DEV_PASSPHRASE = "keywarden-dev-mode-INSECURE-not-a-secret";

  /** 1 MiB, 1 iteration: milliseconds, not a protection. */
  public static final KdfParameters DEV_KDF = new KdfParameters(1024, 1, 1);

  private DevRootOfTrust() {}

  /**
   * Opens the seal stored under {@value SealConfig#SETTING_NAME}, creating a dev seal first if there
   * is none, and returns the root of trust unsealed.
   *
   * @throws IllegalStateException if the stored seal does not open with the dev passphrase (the
   *     data directory was initialised in production mode) or is malformed
   */
  public static PassphraseRootOfTrust openOrCreate(SettingsRepository settings) {
    byte[] stored = settings.get(SealConfig.SETTING_NAME).orElse(null);
    if (stored == null) {
      byte[] fresh = PassphraseRootOfTrust.initialize(DEV_PASSPHRASE.toCharArray(), DEV_KDF).encoded();
      // Another process may have won the race; then its seal is the one to open.
      stored =
          settings.putIfAbsent(SealConfig.SETTING_NAME, fresh)
              ? fresh
              : settings.get(SealConfig.SETTING_NAME).orElseThrow();
    }
    PassphraseRootOfTrust root;
    try {
      root = new PassphraseRootOfTrust(SealConfig.parse(stored));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("The stored seal is malformed", e);
    }
    try {
      root.unseal(DEV_PASSPHRASE.toCharArray());
    } catch (UnsealException e) {
      throw new IllegalStateException(
          "The stored seal does not open with the dev passphrase: this data directory was not"
              + " created in dev mode",
          e);
    }
    return root;
  }
}
