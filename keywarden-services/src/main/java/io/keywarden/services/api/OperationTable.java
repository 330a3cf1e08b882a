package io.keywarden.services.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** Collects a service's operations; each operation group registers its own handlers here. */
public final class OperationTable {
  private final Map<String, OperationBinding> bindings = new LinkedHashMap<>();

  /** A data-plane operation: memory and CPU only. */
  public OperationTable inline(String name, Operation operation) {
    return add(new OperationBinding(name, Execution.INLINE, operation));
  }

  /** A CPU-heavy operation that does not touch storage (asymmetric signatures): see {@link Execution#COMPUTE}. */
  public OperationTable compute(String name, Operation operation) {
    return add(new OperationBinding(name, Execution.COMPUTE, operation));
  }

  /** An operation that may wait on storage. */
  public OperationTable blocking(String name, Operation operation) {
    return add(new OperationBinding(name, Execution.BLOCKING, operation));
  }

  /**
   * An operation that is served from memory when its data is cached and may block otherwise: see
   * {@link Execution#INLINE_WHEN_CACHED} and {@link InlineAttempt}.
   */
  public OperationTable inlineWhenCached(String name, Operation operation) {
    return add(new OperationBinding(name, Execution.INLINE_WHEN_CACHED, operation));
  }

  private OperationTable add(OperationBinding binding) {
    if (bindings.putIfAbsent(binding.name(), binding) != null) {
      throw new IllegalStateException("operation registered twice: " + binding.name());
    }
    return this;
  }

  public Map<String, OperationBinding> toMap() {
    return Map.copyOf(bindings);
  }
}
