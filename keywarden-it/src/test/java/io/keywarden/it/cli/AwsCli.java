package io.keywarden.it.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The AWS CLIs the tests drive: v2 at /usr/bin/aws (Debian's awscli package) and v1 on PATH. */
final class AwsCli {
  static final Path V2 = Path.of("/usr/bin/aws");
  static final String REGION = "us-east-1";

  private final Path executable;

  private AwsCli(Path executable) {
    this.executable = executable;
  }

  /** The v2 CLI; fails the test (CI must have it) when it is missing. */
  static AwsCli v2() {
    if (!Files.isExecutable(V2)) {
      fail("The AWS CLI v2 is missing at " + V2 + ": install it with `apt-get install -y awscli` "
          + "(.ci/run does this on CI)");
    }
    return new AwsCli(V2);
  }

  /** The v1 CLI, {@code aws} on PATH (a pyenv shim resolved to the script behind it: 4x faster). */
  static AwsCli v1() {
    Path onPath = null;
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "aws");
      if (Files.isExecutable(candidate) && !candidate.equals(V2)) {
        onPath = candidate;
        break;
      }
    }
    if (onPath == null) {
      fail("The AWS CLI v1 (`aws`, e.g. `pip install awscli`) is not on PATH");
    }
    if (onPath.toString().endsWith("/shims/aws")) {
      Subprocess.Result which =
          Subprocess.run(List.of("pyenv", "which", "aws"), Map.of(), Duration.ofSeconds(30));
      if (which.exitCode() == 0 && !which.stdout().isBlank()) {
        onPath = Path.of(which.stdout().strip());
      }
    }
    return new AwsCli(onPath);
  }

  Path executable() {
    return executable;
  }

  /**
   * The environment for a CLI run: these credentials and the region, nothing from ~/.aws, no
   * pager, one attempt per call.
   */
  static Map<String, String> environment(String accessKeyId, String secretAccessKey, Path home) {
    Map<String, String> env = new HashMap<>();
    env.put("AWS_ACCESS_KEY_ID", accessKeyId);
    env.put("AWS_SECRET_ACCESS_KEY", secretAccessKey);
    env.put("AWS_DEFAULT_REGION", REGION);
    env.put("AWS_CONFIG_FILE", home.resolve("no-config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-credentials").toString());
    env.put("AWS_PAGER", "");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("AWS_MAX_ATTEMPTS", "1");
    env.put("AWS_RETRY_MODE", "standard");
    for (String unset : List.of("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_KMS")) {
      env.put(unset, null);
    }
    return env;
  }

  /** {@code aws kms ARGS --endpoint-url ENDPOINT} with those credentials. */
  Subprocess.Result kms(URI endpoint, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.add("kms");
    command.addAll(List.of(args));
    command.add("--endpoint-url");
    command.add(endpoint.toString());
    return Subprocess.run(command, env, Duration.ofSeconds(60));
  }
}
