package io.keywarden.services.secrets.rotation;

/** A rotation step failed. The message is reported to users and auditors: never a secret value in it. */
public final class RotationFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  public RotationFailedException(String message) {
    super(message);
  }

  public RotationFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
