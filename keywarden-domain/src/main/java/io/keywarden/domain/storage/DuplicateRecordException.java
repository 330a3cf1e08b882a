package io.keywarden.domain.storage;

/** An insert found the identifier already taken. */
public final class DuplicateRecordException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DuplicateRecordException(String what) {
    super(what + " already exists");
  }
}
