package io.keywarden.domain.crypto;

/**
 * Decryption failed. Thrown for every cause — a malformed blob, a wrong key, a changed encryption
 * context, a forged tag — with one fixed message, so that failures reveal nothing.
 */
public final class InvalidCiphertextException extends Exception {
  private static final long serialVersionUID = 1L;
  public static final String MESSAGE = "The ciphertext is invalid";

  public InvalidCiphertextException() {
    super(MESSAGE, null, false, false);
  }
}
