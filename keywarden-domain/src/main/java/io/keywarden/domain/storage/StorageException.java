package io.keywarden.domain.storage;

/** The backend failed (I/O, database): our fault, not the caller's. */
public final class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
