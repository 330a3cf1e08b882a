package io.keywarden.it.openssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code openssl} command (/usr/bin/openssl, OpenSSL 3.x) run in a working directory: files are
 * named relative to it. Output goes to files (no pipe to fill up); a command still running after
 * 30 seconds is killed and the test fails.
 */
final class OpenSsl {
  static final Path EXECUTABLE = Path.of("/usr/bin/openssl");
  private static final long TIMEOUT_SECONDS = 30;

  private final Path dir;

  private OpenSsl(Path dir) {
    this.dir = dir;
  }

  /** OpenSSL working in {@code dir}; fails the test (CI must have it) when openssl is missing. */
  static OpenSsl in(Path dir) {
    if (!Files.isExecutable(EXECUTABLE)) {
      fail("openssl is missing at " + EXECUTABLE + ": install it with `apt-get install -y openssl`");
    }
    return new OpenSsl(dir);
  }

  /** Runs {@code openssl ARGS} to completion. */
  Result run(String... args) {
    List<String> command = new ArrayList<>();
    command.add(EXECUTABLE.toString());
    command.addAll(List.of(args));
    Path out = dir.resolve(".openssl-stdout");
    Path err = dir.resolve(".openssl-stderr");
    Process p = null;
    try {
      p = new ProcessBuilder(command)
          .directory(dir.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(out.toFile())
          .redirectError(err.toFile())
          .start();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("timed out after " + TIMEOUT_SECONDS + " s: " + String.join(" ", command));
      }
      return new Result(
          String.join(" ", command), p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running " + command, e);
    } finally {
      if (p != null && p.isAlive()) {
        p.destroyForcibly();
      }
    }
  }

  /** Runs {@code openssl ARGS} and asserts that it exits 0 (showing its output if not). */
  Result ok(String... args) {
    Result r = run(args);
    assertEquals(0, r.exitCode(), r::describe);
    return r;
  }

  /** Writes a file in the working directory and returns its name (relative). */
  String write(String name, byte[] content) {
    try {
      Files.write(dir.resolve(name), content);
      return name;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  byte[] read(String name) {
    try {
      return Files.readAllBytes(dir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes a DER SubjectPublicKeyInfo (as GetPublicKey returns it) and converts it to PEM with
   * {@code openssl pkey -pubin -inform DER}: OpenSSL parses the key or the test fails.
   *
   * @return the PEM file's name
   */
  String publicKeyPem(String baseName, byte[] spkiDer) {
    write(baseName + ".der", spkiDer);
    ok("pkey", "-pubin", "-inform", "DER", "-in", baseName + ".der", "-out", baseName + ".pem");
    return baseName + ".pem";
  }

  /**
   * Writes a DER PKCS#8 private key (as GenerateDataKeyPair returns it) and converts it to PEM (BEGIN
   * PRIVATE KEY) with {@code openssl pkey -inform DER}.
   *
   * @return the PEM file's name
   */
  String privateKeyPem(String baseName, byte[] pkcs8Der) {
    write(baseName + ".der", pkcs8Der);
    ok("pkey", "-inform", "DER", "-in", baseName + ".der", "-out", baseName + ".pem");
    return baseName + ".pem";
  }

  /** The DER SubjectPublicKeyInfo of a PEM private key, as OpenSSL derives it. */
  byte[] publicKeyDerOf(String privateKeyPem) {
    String name = privateKeyPem + ".pub.der";
    ok("pkey", "-in", privateKeyPem, "-pubout", "-outform", "DER", "-out", name);
    return read(name);
  }

  /** A finished openssl command: exit code, stdout and stderr (no secrets: keys stay in files). */
  static final class Result {
    private final String command;
    private final int exitCode;
    private final String stdout;
    private final String stderr;

    Result(String command, int exitCode, String stdout, String stderr) {
      this.command = command;
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

    /** For assertion messages: the command, its exit code and both outputs. */
    String describe() {
      return command + "\nexit code " + exitCode + "\n--- stdout ---\n" + stdout
          + "\n--- stderr ---\n" + stderr;
    }
  }
}
