package io.keywarden.server.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where an operator's passphrase comes from, in order: {@code --passphrase-file}, the environment
 * variable {@value #ENV}, the console (without echo), or the first line of standard input.
 */
final class Passphrases {
  static final String ENV = "KEYWARDEN_PASSPHRASE";
  static final int MIN_LENGTH = 8;

  private Passphrases() {}

  /** The passphrase from a file or the environment, or {@code null} if neither is given. */
  static char[] fromFileOrEnv(Path file) throws IOException {
    if (file != null) {
      String s = Files.readString(file, StandardCharsets.UTF_8);
      return stripNewline(s).toCharArray();
    }
    String env = System.getenv(ENV);
    return env == null || env.isEmpty() ? null : env.toCharArray();
  }

  /** The passphrase from a file, the environment, or the operator (asked once). */
  static char[] read(Path file, String prompt) throws IOException {
    char[] p = fromFileOrEnv(file);
    return p != null ? p : ask(prompt);
  }

  /** A new passphrase: from a file or the environment, or asked twice at the console. */
  static char[] readNew(Path file) throws IOException {
    char[] p = fromFileOrEnv(file);
    if (p == null) {
      Console console = System.console();
      if (console == null) {
        p = ask("New passphrase: ");
      } else {
        p = console.readPassword("New passphrase: ");
        char[] again = console.readPassword("Repeat the passphrase: ");
        if (p == null || again == null || !Arrays.equals(p, again)) {
          throw new IllegalArgumentException("The passphrases do not match");
        }
        Arrays.fill(again, '\0');
      }
    }
    if (p.length < MIN_LENGTH) {
      throw new IllegalArgumentException(
          "A passphrase needs at least " + MIN_LENGTH + " characters");
    }
    return p;
  }

  private static char[] ask(String prompt) throws IOException {
    Console console = System.console();
    if (console != null) {
      char[] p = console.readPassword(prompt);
      if (p == null) {
        throw new IllegalArgumentException("No passphrase given");
      }
      return p;
    }
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line = in.readLine();
    if (line == null) {
      throw new IllegalArgumentException("No passphrase given on standard input");
    }
    return line.toCharArray();
  }

  private static String stripNewline(String s) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
      end--;
    }
    return s.substring(0, end);
  }
}
