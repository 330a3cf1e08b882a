package io.keywarden.trust.ephemeral;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.domain.trust.SealedException;
import io.keywarden.domain.trust.UnsealException;
import io.keywarden.domain.trust.UnwrapException;
import io.keywarden.domain.trust.WrappedKey;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EphemeralRootOfTrustTest {
  private static final byte[] CONTEXT = "k/m".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SECRET = {9, 8, 7, 6, 5, 4, 3, 2, 1};

  @Test
  void newInstance_isUnsealedAndRoundTrips() {
    EphemeralRootOfTrust root = new EphemeralRootOfTrust();
    assertFalse(root.isSealed());
    WrappedKey wrapped = root.wrap(SECRET, CONTEXT);
    assertTrue(wrapped.rootKeyId().matches("ephemeral:[0-9a-f]{16}"), wrapped.rootKeyId());
    assertEquals(root.rootKeyId(), wrapped.rootKeyId());
    assertArrayEquals(SECRET, root.unwrap(wrapped, CONTEXT));
  }

  @Test
  void twoInstances_haveDifferentKeysAndDoNotUnwrapEachOther() {
    EphemeralRootOfTrust a = new EphemeralRootOfTrust();
    EphemeralRootOfTrust b = new EphemeralRootOfTrust();
    assertNotEquals(a.rootKeyId(), b.rootKeyId());
    WrappedKey fromA = a.wrap(SECRET, CONTEXT);
    assertThrows(UnwrapException.class, () -> b.unwrap(fromA, CONTEXT));
    WrappedKey relabelled = new WrappedKey(b.rootKeyId(), fromA.blob());
    assertThrows(UnwrapException.class, () -> b.unwrap(relabelled, CONTEXT));
  }

  @Test
  void unwrapWithAnotherContext_fails() {
    EphemeralRootOfTrust root = new EphemeralRootOfTrust();
    WrappedKey wrapped = root.wrap(SECRET, CONTEXT);
    assertThrows(UnwrapException.class, () -> root.unwrap(wrapped, "k/n".getBytes()));
  }

  @Test
  void unsealWhileUnsealed_acceptsAnySecret() throws Exception {
    EphemeralRootOfTrust root = new EphemeralRootOfTrust();
    root.unseal("anything".toCharArray());
    root.unseal(new char[0]);
    assertFalse(root.isSealed());
  }

  @Test
  void seal_forgetsTheKeyForGood() {
    EphemeralRootOfTrust root = new EphemeralRootOfTrust();
    WrappedKey wrapped = root.wrap(SECRET, CONTEXT);
    root.seal();
    assertTrue(root.isSealed());
    assertThrows(SealedException.class, () -> root.wrap(SECRET, CONTEXT));
    assertThrows(SealedException.class, () -> root.unwrap(wrapped, CONTEXT));
    assertThrows(UnsealException.class, () -> root.unseal("anything".toCharArray()));
    assertTrue(root.isSealed());
  }
}
