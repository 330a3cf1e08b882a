package io.keywarden.audit.format;

/** A line that is not a canonical audit record (damaged, edited, or not one at all). */
public final class MalformedRecordException extends Exception {
  private static final long serialVersionUID = 1L;

  public MalformedRecordException(String message) {
    super(message);
  }
}
