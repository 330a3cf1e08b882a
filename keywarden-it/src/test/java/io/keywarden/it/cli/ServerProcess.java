package io.keywarden.it.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar keywarden.jar server ...} as a child process, its output (stdout and stderr)
 * collected as it comes. {@link #close()} kills it.
 */
final class ServerProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("Keywarden listening on (https?://\\S+)");

  private final Process process;
  private final boolean dev;
  private final StringBuilder output = new StringBuilder();
  private volatile boolean readerRunning = true;

  private ServerProcess(Process process, boolean dev) {
    this.process = process;
    this.dev = dev;
    Thread reader = new Thread(this::collect, "keywarden-server-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code keywarden server} with the given arguments (after "server"). */
  static ServerProcess start(String... serverArgs) {
    List<String> command = new ArrayList<>(KeywardenCommand.javaJar());
    command.add("server");
    command.addAll(List.of(serverArgs));
    try {
      return new ServerProcess(new ProcessBuilder(command).redirectErrorStream(true).start(),
          List.of(serverArgs).contains("--dev"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /** Waits for the "Keywarden listening on URL" line and returns the URL. */
  URI awaitListening(Duration timeout) {
    return URI.create(awaitLine(LISTENING, timeout).group(1));
  }

  /** Waits for a line of output that contains a match of {@code pattern}. */
  Matcher awaitLine(Pattern pattern, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (output) {
      while (true) {
        Matcher m = pattern.matcher(output);
        if (m.find()) {
          return m;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || (!process.isAlive() && !readerRunning)) {
          fail(
              (process.isAlive() ? "no [" + pattern + "] after " + timeout.toMillis() + " ms"
                  : "the server exited (code " + process.exitValue() + ")")
                  + "; its output:\n" + output());
        }
        try {
          output.wait(Math.max(1, Math.min(left / 1_000_000, 50)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted", e);
        }
      }
    }
  }

  String output() {
    synchronized (output) {
      return Subprocess.redact(output.toString());
    }
  }

  private void collect() {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        synchronized (output) {
          output.append(line).append('\n');
          output.notifyAll();
        }
      }
    } catch (IOException e) {
      // the process is gone
    } finally {
      readerRunning = false;
      synchronized (output) {
        output.notifyAll();
      }
    }
  }

  /**
   * Stops the server as an operator's Ctrl-C does (SIGTERM: it closes, sealing its audit log with a
   * final digest) and waits for it to exit.
   *
   * @return the exit code
   */
  int stop(Duration timeout) {
    process.destroy();
    try {
      if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        fail("the server did not stop within " + timeout.toMillis() + " ms; its output:\n" + output());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
    return process.exitValue();
  }

  /**
   * Kills a server with a data directory the hard way (SIGKILL): nothing it acknowledged may be lost. A
   * dev server is first asked to stop (SIGTERM), so that it removes its temporary audit log, and killed
   * only if it has not within 10 s.
   */
  @Override
  public void close() {
    if (dev && process.isAlive()) {
      process.destroy();
      try {
        process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Subprocess.kill(process);
  }
}
