package io.keywarden.services.api;

import java.util.Objects;

/** An operation, its model name, and where it may run. */
public record OperationBinding(String name, Execution execution, Operation operation) {
  public OperationBinding {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(execution, "execution");
    Objects.requireNonNull(operation, "operation");
  }
}
