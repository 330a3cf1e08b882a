package io.keywarden.domain.storage;

/** A compare-and-swap update lost: the record changed (or vanished) since it was read. */
public final class StaleRecordException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StaleRecordException(String what) {
    super(what + " was changed concurrently");
  }
}
