package io.keywarden.services.kms;

import io.keywarden.domain.crypto.Randomness;
import io.keywarden.domain.storage.SettingsRepository;
import io.keywarden.domain.trust.RootOfTrust;
import io.keywarden.domain.trust.WrappedKey;
import io.keywarden.services.api.ApiException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Grant tokens: opaque strings that name a grant (region, key id, grant id) and that only this
 * installation can have issued, so that a node verifies a token and finds its grant without any
 * lookup table, even when the grant was created a moment ago on another node.
 *
 * <p>A token is base64url (no padding) of {@code 0x01 | len | region | len | keyId | grantId (32
 * bytes) | nonce (16 bytes) | HMAC-SHA256 (32 bytes)} over everything before the tag. The nonce makes
 * each CreateGrant answer a new token even for the same grant (AWS: "the returned grant token is unique
 * with every CreateGrant request ... All grant tokens for the same grant ID can be used
 * interchangeably"). Tokens are not secret (AWS: "a unique, nonsecret ... string"); the MAC only
 * keeps callers from inventing tokens that would make a node look grants up.
 *
 * <p>The MAC key is 32 random bytes created once per installation and stored in the settings wrapped
 * by the root of trust; it is read (and, the first time, created) on first use, after the root of trust
 * is unsealed. Holds a secret: no {@code toString} that shows it.
 */
final class GrantTokens {
  /** The settings entry that holds the wrapped MAC key. */
  static final String SETTING = "kms.grant-token-key";

  private static final byte VERSION = 1;
  private static final int GRANT_ID_BYTES = 32;
  private static final int NONCE_BYTES = 16;
  private static final int TAG_BYTES = 32;
  private static final byte[] WRAP_CONTEXT = "kms-grant-token-key/v1".getBytes(StandardCharsets.UTF_8);
  private static final HexFormat HEX = HexFormat.of();

  private final SettingsRepository settings;
  private final RootOfTrust root;
  private volatile SecretKeySpec macKey;

  GrantTokens(SettingsRepository settings, RootOfTrust root) {
    this.settings = settings;
    this.root = root;
  }

  /** What a verified token names. */
  record Ref(String region, String keyId, String grantId) {}

  /** A new token for the grant. */
  String issue(String region, String keyId, String grantId) {
    byte[] r = region.getBytes(StandardCharsets.UTF_8);
    byte[] k = keyId.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b =
        ByteBuffer.allocate(1 + 1 + r.length + 1 + k.length + GRANT_ID_BYTES + NONCE_BYTES + TAG_BYTES);
    b.put(VERSION).put((byte) r.length).put(r).put((byte) k.length).put(k);
    b.put(HEX.parseHex(grantId)).put(Randomness.bytes(NONCE_BYTES));
    byte[] out = b.array();
    int signed = out.length - TAG_BYTES;
    System.arraycopy(tag(out, signed), 0, out, signed, TAG_BYTES);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
  }

  /**
   * The grant a token names.
   *
   * @throws ApiException InvalidGrantTokenException if the token is malformed or was not issued here
   */
  Ref verify(String token) {
    byte[] t;
    try {
      t = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      throw KmsErrors.invalidGrantToken();
    }
    ByteBuffer b = ByteBuffer.wrap(t);
    try {
      if (b.get() != VERSION) {
        throw KmsErrors.invalidGrantToken();
      }
      String region = text(b);
      String keyId = text(b);
      byte[] grantId = new byte[GRANT_ID_BYTES];
      b.get(grantId);
      b.position(b.position() + NONCE_BYTES);
      int signed = b.position();
      if (t.length != signed + TAG_BYTES) {
        throw KmsErrors.invalidGrantToken();
      }
      byte[] expected = tag(t, signed);
      byte[] actual = Arrays.copyOfRange(t, signed, t.length);
      if (!MessageDigest.isEqual(expected, actual)) {
        throw KmsErrors.invalidGrantToken();
      }
      return new Ref(region, keyId, HEX.formatHex(grantId));
    } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
      throw KmsErrors.invalidGrantToken();
    }
  }

  private static String text(ByteBuffer b) {
    int len = b.get() & 0xff;
    byte[] s = new byte[len];
    b.get(s);
    return new String(s, StandardCharsets.UTF_8);
  }

  private byte[] tag(byte[] data, int length) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key());
      mac.update(data, 0, length);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private SecretKeySpec key() {
    SecretKeySpec k = macKey;
    if (k == null) {
      synchronized (this) {
        k = macKey;
        if (k == null) {
          k = loadOrCreate();
          macKey = k;
        }
      }
    }
    return k;
  }

  /** Reads the installation's MAC key; creates it if no node has yet (the first writer wins). */
  private SecretKeySpec loadOrCreate() {
    byte[] stored = settings.get(SETTING).orElse(null);
    if (stored == null) {
      byte[] fresh = Randomness.bytes(32);
      try {
        settings.putIfAbsent(SETTING, encode(root.wrap(fresh, WRAP_CONTEXT)));
      } finally {
        Arrays.fill(fresh, (byte) 0);
      }
      stored = settings.get(SETTING).orElseThrow(KmsErrors::internal);
    }
    byte[] plain = root.unwrap(decode(stored), WRAP_CONTEXT);
    try {
      return new SecretKeySpec(plain, "HmacSHA256");
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /** {@code len(rootKeyId) | rootKeyId | blob}. */
  private static byte[] encode(WrappedKey w) {
    byte[] id = w.rootKeyId().getBytes(StandardCharsets.UTF_8);
    byte[] blob = w.blob();
    return ByteBuffer.allocate(2 + id.length + blob.length)
        .putShort((short) id.length)
        .put(id)
        .put(blob)
        .array();
  }

  private static WrappedKey decode(byte[] stored) {
    ByteBuffer b = ByteBuffer.wrap(stored);
    byte[] id = new byte[b.getShort() & 0xffff];
    b.get(id);
    byte[] blob = new byte[b.remaining()];
    b.get(blob);
    return new WrappedKey(new String(id, StandardCharsets.UTF_8), blob);
  }

  @Override
  public String toString() {
    return "GrantTokens";
  }
}
