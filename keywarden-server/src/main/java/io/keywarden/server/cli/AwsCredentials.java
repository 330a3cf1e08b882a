package io.keywarden.server.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The caller's AWS credentials and region, found as the AWS CLI finds them: an explicit profile;
 * else {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY} / {@code AWS_SESSION_TOKEN}; else
 * the profile {@code AWS_PROFILE} names, else {@code default}, in the shared credentials file ({@code
 * AWS_SHARED_CREDENTIALS_FILE}, else {@code ~/.aws/credentials}). The region: {@code AWS_REGION},
 * {@code AWS_DEFAULT_REGION}, the profile's {@code region} in the config file ({@code AWS_CONFIG_FILE},
 * else {@code ~/.aws/config}), else {@code us-east-1}. Profiles that assume a role ({@code role_arn})
 * are not followed.
 *
 * <p>Holds a secret: a final class whose {@code toString} shows only the access key id.
 */
final class AwsCredentials {
  static final String DEFAULT_REGION = "us-east-1";

  final String accessKeyId;
  private final char[] secretAccessKey;
  final String sessionToken;
  final String region;

  private AwsCredentials(String accessKeyId, char[] secretAccessKey, String sessionToken, String region) {
    this.accessKeyId = accessKeyId;
    this.secretAccessKey = secretAccessKey;
    this.sessionToken = sessionToken;
    this.region = region;
  }

  /**
   * @param profile {@code --profile}, or {@code null}
   * @param env the environment
   * @param home the user's home directory
   * @throws IllegalArgumentException when no credentials are found (the message says where it looked)
   */
  static AwsCredentials resolve(String profile, Map<String, String> env, Path home) throws IOException {
    Path credentialsFile = path(env.get("AWS_SHARED_CREDENTIALS_FILE"), home.resolve(".aws/credentials"));
    Path configFile = path(env.get("AWS_CONFIG_FILE"), home.resolve(".aws/config"));
    String envKey = blankToNull(env.get("AWS_ACCESS_KEY_ID"));
    String envSecret = blankToNull(env.get("AWS_SECRET_ACCESS_KEY"));
    String name = profile != null ? profile : blankToNull(env.get("AWS_PROFILE"));
    String region = blankToNull(env.get("AWS_REGION"));
    if (region == null) {
      region = blankToNull(env.get("AWS_DEFAULT_REGION"));
    }
    if (region == null) {
      region = profileRegion(configFile, name == null ? "default" : name);
    }
    if (region == null) {
      region = DEFAULT_REGION;
    }
    if (profile == null && envKey != null && envSecret != null) {
      return new AwsCredentials(envKey, envSecret.toCharArray(), blankToNull(env.get("AWS_SESSION_TOKEN")), region);
    }
    String section = name == null ? "default" : name;
    Map<String, String> p = Files.isRegularFile(credentialsFile)
        ? Ini.read(Files.readAllLines(credentialsFile)).get(section)
        : null;
    if (p == null || p.get("aws_access_key_id") == null || p.get("aws_secret_access_key") == null) {
      throw new IllegalArgumentException(
          "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN),"
              + " or give --profile with aws_access_key_id and aws_secret_access_key in " + credentialsFile
              + " (profile '" + section + "' has none)");
    }
    return new AwsCredentials(p.get("aws_access_key_id"), p.get("aws_secret_access_key").toCharArray(),
        p.get("aws_session_token"), region);
  }

  /** A copy of the secret; the caller clears it. */
  char[] secretAccessKey() {
    return secretAccessKey.clone();
  }

  /** Clears the secret. */
  void destroy() {
    Arrays.fill(secretAccessKey, '\0');
  }

  /** With {@code region} instead of the one found ({@code null}: unchanged). */
  AwsCredentials inRegion(String region) {
    return region == null ? this : new AwsCredentials(accessKeyId, secretAccessKey, sessionToken, region);
  }

  @Override
  public String toString() {
    return "AwsCredentials[" + accessKeyId + "]";
  }

  private static String profileRegion(Path configFile, String profile) throws IOException {
    if (!Files.isRegularFile(configFile)) {
      return null;
    }
    Map<String, Map<String, String>> sections = Ini.read(Files.readAllLines(configFile));
    // The config file names profiles "profile NAME", except "default".
    Map<String, String> p = sections.get(profile.equals("default") ? "default" : "profile " + profile);
    return p == null ? null : blankToNull(p.get("region"));
  }

  private static Path path(String fromEnv, Path otherwise) {
    String p = blankToNull(fromEnv);
    return p == null ? otherwise : Path.of(p);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  /** The AWS shared files' INI dialect: {@code [section]}, {@code key = value}, {@code #} and {@code ;} comments. */
  static final class Ini {
    private Ini() {}

    static Map<String, Map<String, String>> read(List<String> lines) {
      Map<String, Map<String, String>> sections = new HashMap<>();
      Map<String, String> current = null;
      for (String raw : lines) {
        String line = raw.strip();
        if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
          continue;
        }
        if (line.startsWith("[") && line.endsWith("]")) {
          current = sections.computeIfAbsent(line.substring(1, line.length() - 1).strip(), k -> new HashMap<>());
          continue;
        }
        int eq = line.indexOf('=');
        if (current != null && eq > 0) {
          current.put(line.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT), line.substring(eq + 1).strip());
        }
      }
      return sections;
    }
  }
}
