package io.keywarden.trust.dev;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.domain.trust.WrappedKey;
import io.keywarden.trust.passphrase.KdfParameters;
import io.keywarden.trust.passphrase.PassphraseRootOfTrust;
import io.keywarden.trust.passphrase.SealConfig;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DevRootOfTrustTest {
  private static final byte[] CONTEXT = "k/m".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SECRET = {1, 2, 3, 4};

  @Test
  void emptySettings_createsStoresAndUnsealsADevSeal() {
    InMemorySettings settings = new InMemorySettings();
    PassphraseRootOfTrust root = DevRootOfTrust.openOrCreate(settings);
    assertFalse(root.isSealed());
    byte[] stored = settings.get(SealConfig.SETTING_NAME).orElseThrow();
    SealConfig seal = SealConfig.parse(stored);
    assertEquals(DevRootOfTrust.DEV_KDF, seal.kdf());
    assertEquals(seal.rootKeyId(), root.rootKeyId());
  }

  @Test
  void secondStart_opensTheSameRootKey() {
    InMemorySettings settings = new InMemorySettings();
    WrappedKey wrapped = DevRootOfTrust.openOrCreate(settings).wrap(SECRET, CONTEXT);
    PassphraseRootOfTrust restarted = DevRootOfTrust.openOrCreate(settings);
    assertArrayEquals(SECRET, restarted.unwrap(wrapped, CONTEXT));
  }

  @Test
  void productionSealInSettings_refused() {
    InMemorySettings settings = new InMemorySettings();
    settings.put(
        SealConfig.SETTING_NAME,
        PassphraseRootOfTrust.initialize("a real secret".toCharArray(), new KdfParameters(64, 1, 1))
            .encoded());
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> DevRootOfTrust.openOrCreate(settings));
    assertTrue(e.getMessage().contains("not created in dev mode"));
  }

  @Test
  void malformedSealInSettings_refused() {
    InMemorySettings settings = new InMemorySettings();
    settings.put(SealConfig.SETTING_NAME, new byte[] {1, 2, 3});
    assertThrows(IllegalStateException.class, () -> DevRootOfTrust.openOrCreate(settings));
  }

  @Test
  void devSeal_opensWithThePublishedPassphrase() throws Exception {
    InMemorySettings settings = new InMemorySettings();
    DevRootOfTrust.openOrCreate(settings);
    PassphraseRootOfTrust root =
        new PassphraseRootOfTrust(SealConfig.parse(settings.get(SealConfig.SETTING_NAME).orElseThrow()));
    root.unseal(DevRootOfTrust.DEV_PASSPHRASE.toCharArray());
    assertFalse(root.isSealed());
  }
}
