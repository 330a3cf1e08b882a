package io.keywarden.trust.passphrase;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The stored seal: what is needed, with the passphrase, to recover the root key. Not secret (the root
 * key in it is encrypted), but it is the only copy of the root key: losing it, or the passphrase, loses
 * every key. The server keeps {@link #encoded()} in its settings under {@value #SETTING_NAME}.
 *
 * <p>Encoding, version 1 (big-endian; docs/adr/0003-root-of-trust.md):
 *
 * <pre>
 * offset   length  field
 * 0        4       magic "KWSL"
 * 4        1       format version, 0x01
 * 5        1       KDF, 0x01 = Argon2id version 0x13
 * 6        4       Argon2 memory, KiB
 * 10       4       Argon2 iterations
 * 14       4       Argon2 parallelism
 * 18       1       S, salt length (16..64)
 * 19       S       salt
 * 19+S     1       R, root key id length (1..64)
 * 20+S     R       root key id, printable ASCII
 * 20+S+R   12      AES-GCM IV
 * 32+S+R   32      root key, AES-256-GCM-encrypted under the passphrase-derived key
 * 64+S+R   16      GCM tag
 * </pre>
 *
 * The GCM additional data is bytes 0 .. 20+S+R (everything before the IV), so no parameter, salt or
 * root key id can be changed without unseal failing. A new layout gets a new format version; readers
 * keep reading the old ones.
 */
public final class SealConfig {
  /** The settings name under which the server stores the seal. */
  public static final String SETTING_NAME = "seal";

  static final byte VERSION_1 = 0x01;
  static final byte KDF_ARGON2ID_13 = 0x01;
  static final int SALT_LENGTH = 16;
  static final int MAX_SALT_LENGTH = 64;
  static final int MAX_ROOT_KEY_ID_LENGTH = 64;
  static final int IV_LENGTH = 12;
  static final int WRAPPED_LENGTH = 32 + 16;
  private static final byte[] MAGIC = {'K', 'W', 'S', 'L'};
  private static final String MALFORMED = "The seal configuration is malformed";

  private final byte[] encoded;
  private final KdfParameters kdf;
  private final byte[] salt;
  private final String rootKeyId;
  private final int ivOffset;

  private SealConfig(byte[] encoded, KdfParameters kdf, byte[] salt, String rootKeyId, int ivOffset) {
    this.encoded = encoded;
    this.kdf = kdf;
    this.salt = salt;
    this.rootKeyId = rootKeyId;
    this.ivOffset = ivOffset;
  }

  /**
   * Reads a stored seal. Only the structure is checked here; whether it is authentic shows at unseal.
   *
   * @throws IllegalArgumentException (one fixed message) if it is not a well-formed version-1 seal
   */
  public static SealConfig parse(byte[] encoded) {
    try {
      ByteBuffer in = ByteBuffer.wrap(encoded.clone());
      byte[] magic = new byte[MAGIC.length];
      in.get(magic);
      require(Arrays.equals(magic, MAGIC) && in.get() == VERSION_1 && in.get() == KDF_ARGON2ID_13);
      KdfParameters kdf = new KdfParameters(in.getInt(), in.getInt(), in.getInt());
      int saltLength = in.get() & 0xff;
      require(saltLength >= SALT_LENGTH && saltLength <= MAX_SALT_LENGTH);
      byte[] salt = new byte[saltLength];
      in.get(salt);
      int idLength = in.get() & 0xff;
      require(idLength >= 1 && idLength <= MAX_ROOT_KEY_ID_LENGTH);
      byte[] id = new byte[idLength];
      in.get(id);
      for (byte b : id) {
        require(b >= 0x21 && b <= 0x7e);
      }
      int ivOffset = in.position();
      require(in.remaining() == IV_LENGTH + WRAPPED_LENGTH);
      return new SealConfig(
          in.array(), kdf, salt, new String(id, StandardCharsets.US_ASCII), ivOffset);
    } catch (RuntimeException e) {
      // BufferUnderflowException, KdfParameters' range checks, require(): all the same to the caller.
      throw new IllegalArgumentException(MALFORMED);
    }
  }

  /** The bytes to store; a copy. */
  public byte[] encoded() {
    return encoded.clone();
  }

  public int version() {
    return VERSION_1;
  }

  public KdfParameters kdf() {
    return kdf;
  }

  /** The id of the sealed root key, as {@link io.keywarden.domain.trust.WrappedKey#rootKeyId()}. */
  public String rootKeyId() {
    return rootKeyId;
  }

  byte[] salt() {
    return salt.clone();
  }

  /** The authenticated header: bytes 0 .. IV. */
  byte[] header() {
    return Arrays.copyOfRange(encoded, 0, ivOffset);
  }

  byte[] iv() {
    return Arrays.copyOfRange(encoded, ivOffset, ivOffset + IV_LENGTH);
  }

  /** The encrypted root key and its tag. */
  byte[] wrappedRootKey() {
    return Arrays.copyOfRange(encoded, ivOffset + IV_LENGTH, encoded.length);
  }

  /** Encodes the header (the part before the IV) of a new seal. */
  static byte[] header(KdfParameters kdf, byte[] salt, String rootKeyId) {
    byte[] id = rootKeyId.getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(MAGIC.length + 2 + 12 + 1 + salt.length + 1 + id.length)
        .put(MAGIC)
        .put(VERSION_1)
        .put(KDF_ARGON2ID_13)
        .putInt(kdf.memoryKiB())
        .putInt(kdf.iterations())
        .putInt(kdf.parallelism())
        .put((byte) salt.length)
        .put(salt)
        .put((byte) id.length)
        .put(id)
        .array();
  }

  private static void require(boolean condition) {
    if (!condition) {
      throw new IllegalArgumentException(MALFORMED);
    }
  }
}
