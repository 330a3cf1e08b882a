package io.keywarden.domain.audit;

/** The audit log could not durably record an event: the call it records must fail. */
public class AuditUnavailableException extends RuntimeException {
  public AuditUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
