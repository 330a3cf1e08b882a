package io.keywarden.domain.trust;

/** The root of trust is sealed: nothing can be wrapped or unwrapped until it is unsealed. */
public final class SealedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SealedException() {
    super("Keywarden is sealed");
  }
}
