package io.keywarden.protocol.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.services.api.ApiException;

/** One operation of a service model, with its input shape compiled for validation. */
public final class OperationModel {
  private final String name;
  private final StructureShape input;

  OperationModel(String name, StructureShape input) {
    this.name = name;
    this.input = input;
  }

  /** The operation's model name, e.g. {@code Encrypt}. */
  public String name() {
    return name;
  }

  /**
   * Parses and validates a request body.
   *
   * @return the body as a JSON object, with JSON {@code null} members, list elements and map values
   *     removed; every member the model knows has its type and meets its constraints
   * @throws ApiException {@code SerializationException} for a body that is not a JSON object or a
   *     member of the wrong JSON type or invalid base64; {@code ValidationException} listing every
   *     violated constraint
   */
  public ObjectNode readInput(byte[] body, int offset, int length) {
    return readInput(body, offset, length, true);
  }

  /**
   * As {@link #readInput(byte[], int, int)}; with {@code constraints} false, only JSON types are
   * checked (for services that check constraints themselves, with their own errors).
   */
  public ObjectNode readInput(byte[] body, int offset, int length, boolean constraints) {
    ObjectNode node = JsonCodec.readObject(body, offset, length);
    validate(node, constraints);
    return node;
  }

  /** Validates an already parsed body in place, as {@link #readInput} does. */
  public void validate(ObjectNode node) {
    validate(node, true);
  }

  /**
   * Validates an already parsed body in place; with {@code constraints} false, only JSON types (and
   * JSON {@code null}s are removed).
   */
  public void validate(ObjectNode node, boolean constraints) {
    if (input == null) {
      return;
    }
    Validation validation = new Validation();
    input.validate(node, validation);
    ApiException failure = validation.failure();
    if (failure != null && constraints) {
      throw failure;
    }
  }
}
