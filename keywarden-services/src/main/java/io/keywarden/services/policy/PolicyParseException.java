package io.keywarden.services.policy;

/** A policy document that is not valid; the message says why, without echoing the document. */
public final class PolicyParseException extends Exception {
  private static final long serialVersionUID = 1L;

  public PolicyParseException(String message) {
    super(message, null, false, false);
  }
}
