package io.keywarden.domain.crypto;

import io.keywarden.domain.key.MaterialIds;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The parsed header of a symmetric ciphertext blob, version 1 (docs/adr/0002-symmetric-ciphertext-format.md):
 *
 * <pre>
 * offset      length  field
 * 0           1       format version, 0x01
 * 1           1       suite, 0x01 = HKDF-SHA256 + AES-256-GCM
 * 2           1       L, length of the key id
 * 3           L       key id, ASCII (a UUID, or mrk- and 32 hex digits)
 * 3+L         32      key material id
 * 35+L        32      HKDF salt (random per request)
 * 67+L        12      AES-GCM IV (random per request)
 * 79+L        n       ciphertext
 * 79+L+n      16      AES-GCM tag
 * </pre>
 *
 * The header (bytes 0 .. 79+L) is authenticated: it is the first part of the GCM additional data, the
 * canonical encryption context the second.
 */
public final class SymmetricCiphertext {
  static final byte VERSION_1 = 0x01;
  static final byte SUITE_HKDF_SHA256_AES256_GCM = 0x01;
  static final int SALT_LENGTH = 32;
  static final int IV_LENGTH = 12;
  static final int TAG_LENGTH = 16;
  static final int MAX_KEY_ID_LENGTH = 64;

  private final byte[] blob;
  private final String keyId;
  private final String materialId;
  private final int headerLength;

  private SymmetricCiphertext(byte[] blob, String keyId, String materialId, int headerLength) {
    this.blob = blob;
    this.keyId = keyId;
    this.materialId = materialId;
    this.headerLength = headerLength;
  }

  /**
   * Parses the header; the blob is not authenticated until {@link SymmetricCipher#decrypt} succeeds.
   *
   * @throws InvalidCiphertextException if the blob is not a well-formed version-1 blob
   */
  public static SymmetricCiphertext parse(byte[] blob) throws InvalidCiphertextException {
    if (blob == null || blob.length < 3) {
      throw new InvalidCiphertextException();
    }
    if (blob[0] != VERSION_1 || blob[1] != SUITE_HKDF_SHA256_AES256_GCM) {
      throw new InvalidCiphertextException();
    }
    int keyIdLength = blob[2] & 0xff;
    if (keyIdLength == 0 || keyIdLength > MAX_KEY_ID_LENGTH) {
      throw new InvalidCiphertextException();
    }
    int header = headerLength(keyIdLength);
    if (blob.length < header + TAG_LENGTH) {
      throw new InvalidCiphertextException();
    }
    for (int i = 3; i < 3 + keyIdLength; i++) {
      if (blob[i] < 0x21 || blob[i] > 0x7e) {
        throw new InvalidCiphertextException();
      }
    }
    String keyId = new String(blob, 3, keyIdLength, StandardCharsets.US_ASCII);
    byte[] material = Arrays.copyOfRange(blob, 3 + keyIdLength, 3 + keyIdLength + MaterialIds.BYTES);
    return new SymmetricCiphertext(blob.clone(), keyId, MaterialIds.fromBytes(material), header);
  }

  /** The key id the blob names (not yet authenticated). */
  public String keyId() {
    return keyId;
  }

  /** The key material version the blob names (not yet authenticated). */
  public String materialId() {
    return materialId;
  }

  byte[] blob() {
    return blob;
  }

  int headerLength() {
    return headerLength;
  }

  int saltOffset() {
    return headerLength - IV_LENGTH - SALT_LENGTH;
  }

  int ivOffset() {
    return headerLength - IV_LENGTH;
  }

  static int headerLength(int keyIdLength) {
    return 3 + keyIdLength + MaterialIds.BYTES + SALT_LENGTH + IV_LENGTH;
  }
}
