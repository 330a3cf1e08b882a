package io.keywarden.domain.trust;

/** A wrapped blob did not unwrap: corrupted, foreign, or bound to another context. */
public final class UnwrapException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnwrapException() {
    super("Wrapped key material could not be unwrapped");
  }
}
