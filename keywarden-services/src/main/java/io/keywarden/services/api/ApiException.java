package io.keywarden.services.api;

import java.util.Objects;

/**
 * An AWS error: its code (the {@code __type}, e.g. {@code NotFoundException}) and message. The
 * protocol layer sends it with the HTTP status that the service model gives the code, else 400 for the
 * caller's fault and 500 for ours.
 *
 * <p>Messages must never carry plaintext, key material or secret values.
 */
public class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Whose fault an error is. */
  public enum Fault {
    CLIENT,
    SERVER
  }

  private final String code;
  private final Fault fault;

  public ApiException(String code, String message) {
    this(code, message, Fault.CLIENT);
  }

  public ApiException(String code, String message, Fault fault) {
    super(message, null, false, false);
    this.code = Objects.requireNonNull(code, "code");
    this.fault = Objects.requireNonNull(fault, "fault");
  }

  /** The AWS error code, sent as {@code __type}. */
  public String code() {
    return code;
  }

  public Fault fault() {
    return fault;
  }
}
