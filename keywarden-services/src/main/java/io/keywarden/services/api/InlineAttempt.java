package io.keywarden.services.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The contract of {@link Execution#INLINE_WHEN_CACHED} operations. The protocol layer runs such an
 * operation on an I/O thread inside {@link #run}; before anything that may wait (a storage read or
 * write, an audited inner call that waits for its record to be durable) the operation calls {@link
 * #mayBlock}, which, during an inline attempt, throws {@link BlockingNeeded}: the protocol layer then
 * runs the call again, from the start, on the blocking pool, where {@link #mayBlock} does nothing.
 *
 * <p>An operation must therefore call {@link #mayBlock} before its first side effect that a second run
 * would repeat, and keep what it tells the call's audit facts idempotent.
 */
public final class InlineAttempt {
  private static final ThreadLocal<Boolean> INLINE = new ThreadLocal<>();

  private InlineAttempt() {}

  /** Thrown by {@link #mayBlock} during an inline attempt; carries no stack trace. */
  public static final class BlockingNeeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private BlockingNeeded() {
      super("the operation needs to block", null, false, false);
    }
  }

  private static final BlockingNeeded BLOCKING_NEEDED = new BlockingNeeded();

  /**
   * Runs {@code op} as an inline attempt.
   *
   * @throws BlockingNeeded if it needed to block
   */
  public static ObjectNode run(Operation op, CallContext ctx, ObjectNode in) {
    INLINE.set(Boolean.TRUE);
    try {
      return op.invoke(ctx, in);
    } finally {
      INLINE.remove();
    }
  }

  /** Called before anything that may wait: throws {@link BlockingNeeded} during an inline attempt. */
  public static void mayBlock() {
    if (INLINE.get() != null) {
      throw BLOCKING_NEEDED;
    }
  }
}
