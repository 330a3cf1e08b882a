package io.keywarden.protocol.http;

/**
 * Logs unexpected failures by type and stack only. Exception messages are left out: they may quote
 * request data (a parser's excerpt of a body, a value in a message), and logs must never hold
 * plaintext or secrets.
 */
final class Failures {
  private static final System.Logger LOG = System.getLogger("io.keywarden.protocol.http");

  private Failures() {}

  static void log(String what, String requestId, Throwable failure) {
    if (LOG.isLoggable(System.Logger.Level.ERROR)) {
      LOG.log(System.Logger.Level.ERROR, what + " failed unexpectedly (request " + requestId + "):\n"
          + describe(failure));
    }
  }

  /** The cause chain as exception classes and stack frames, without messages. */
  static String describe(Throwable failure) {
    StringBuilder out = new StringBuilder(1024);
    Throwable t = failure;
    for (int depth = 0; t != null && depth < 8; depth++, t = t.getCause()) {
      out.append(depth == 0 ? "" : "Caused by: ").append(t.getClass().getName()).append('\n');
      StackTraceElement[] frames = t.getStackTrace();
      for (int i = 0; i < Math.min(frames.length, 40); i++) {
        out.append("\tat ").append(frames[i]).append('\n');
      }
    }
    return out.toString();
  }
}
