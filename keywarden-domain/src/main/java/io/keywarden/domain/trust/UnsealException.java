package io.keywarden.domain.trust;

/** Unseal failed: a wrong passphrase, or a seal that cannot be read. One fixed message for both. */
public final class UnsealException extends Exception {
  private static final long serialVersionUID = 1L;

  public UnsealException() {
    super("Unseal failed: the passphrase is wrong or the seal is damaged");
  }
}
