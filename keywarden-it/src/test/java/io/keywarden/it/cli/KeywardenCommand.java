package io.keywarden.it.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code keywarden} command of the shaded jar that keywarden-server builds, run as {@code java -jar}. */
final class KeywardenCommand {
  static final String JAR_PROPERTY = "keywarden.jar";

  private KeywardenCommand() {}

  /** The jar; fails the test when it has not been built. */
  static Path jar() {
    String p = System.getProperty(JAR_PROPERTY);
    if (p == null || p.isEmpty()) {
      fail("system property " + JAR_PROPERTY + " is not set: run the tests through Maven (keywarden-it's "
          + "surefire configuration sets it)");
    }
    Path jar = Path.of(p).toAbsolutePath().normalize();
    if (!Files.isRegularFile(jar)) {
      fail("no keywarden jar at " + jar + ": build it first with `mvn -pl keywarden-server -am package "
          + "-DskipTests` (`mvn verify` at the root builds it before keywarden-it)");
    }
    return jar;
  }

  /** {@code java -jar keywarden.jar}, with this JVM's java. */
  static List<String> javaJar() {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return List.of(java.toString(), "-jar", jar().toString());
  }

  /** Runs a short-lived keywarden subcommand (init, unseal, seal-status, credentials...). */
  static Subprocess.Result run(String... args) {
    List<String> command = new ArrayList<>(javaJar());
    command.addAll(List.of(args));
    return Subprocess.run(command, Map.of(), Duration.ofSeconds(60));
  }
}
