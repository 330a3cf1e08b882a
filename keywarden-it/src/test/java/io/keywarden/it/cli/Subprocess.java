package io.keywarden.it.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs a command to completion with a timeout, its output captured in files (no pipe to fill up).
 * A command still running at the timeout is killed, with its children, and the test fails.
 */
final class Subprocess {
  private static final Pattern SECRET_LINE =
      Pattern.compile("(AWS_SECRET_ACCESS_KEY=)\\S+");

  private Subprocess() {}

  /** @param env added to this process's environment; a {@code null} value removes the variable */
  static Result run(List<String> command, Map<String, String> env, Duration timeout) {
    Path out = null;
    Path err = null;
    Process p = null;
    try {
      out = Files.createTempFile("keywarden-it-out", ".txt");
      err = Files.createTempFile("keywarden-it-err", ".txt");
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      env.forEach(
          (k, v) -> {
            if (v == null) {
              pb.environment().remove(k);
            } else {
              pb.environment().put(k, v);
            }
          });
      p = pb.start();
      boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        kill(p);
        fail(
            "timed out after " + timeout.toSeconds() + " s: " + String.join(" ", command)
                + "\n" + new Result(-1, read(out), read(err)).describe());
      }
      return new Result(p.exitValue(), read(out), read(err));
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running " + command, e);
    } finally {
      if (p != null) {
        kill(p);
      }
      delete(out);
      delete(err);
    }
  }

  /** Kills a process and everything it started. */
  static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    try {
      p.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Output with any printed secret access key masked, for assertion messages. */
  static String redact(String s) {
    return SECRET_LINE.matcher(s).replaceAll("$1<redacted>");
  }

  private static String read(Path f) throws IOException {
    return Files.readString(f, StandardCharsets.UTF_8);
  }

  private static void delete(Path f) {
    if (f != null) {
      try {
        Files.deleteIfExists(f);
      } catch (IOException ignored) {
        // a temp file left behind
      }
    }
  }

  /** A finished command. Not a record: its output may hold a secret access key. */
  static final class Result {
    private final int exitCode;
    private final String stdout;
    private final String stderr;

    Result(int exitCode, String stdout, String stderr) {
      this.exitCode = exitCode;
      this.stdout = stdout;
      this.stderr = stderr;
    }

    int exitCode() {
      return exitCode;
    }

    String stdout() {
      return stdout;
    }

    String stderr() {
      return stderr;
    }

    /** Exit code and both outputs, secrets masked: for assertion messages. */
    String describe() {
      return "exit code " + exitCode + "\n--- stdout ---\n" + redact(stdout)
          + "\n--- stderr ---\n" + redact(stderr);
    }
  }
}
