package io.keywarden.services.secrets;

import java.security.SecureRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secret ARNs: {@code arn:aws:secretsmanager:<region>:<account>:secret:<name>-<six random
 * characters>}, as AWS makes them, and the parts of a {@code SecretId} that is an ARN.
 */
final class SecretArns {
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern ARN =
      Pattern.compile("arn:aws[a-z-]*:secretsmanager:([a-z0-9-]+):([0-9]{12}):secret:(.+)");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9/_+=.@!-]+");

  /** The parts of a secret ARN, full or partial; {@code resource} is what follows {@code secret:}. */
  record Parts(String region, String accountId, String resource) {}

  private SecretArns() {}

  static String newArn(String accountId, String region, String name) {
    StringBuilder suffix = new StringBuilder(7).append('-');
    for (int i = 0; i < 6; i++) {
      suffix.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return prefix(accountId, region) + name + suffix;
  }

  /** The ARN without the name: {@code arn:aws:secretsmanager:<region>:<account>:secret:}. */
  static String prefix(String accountId, String region) {
    return "arn:aws:secretsmanager:" + region + ":" + accountId + ":secret:";
  }

  /** The parts of {@code secretId} if it is an ARN, else {@code null}. */
  static Parts parse(String secretId) {
    Matcher m = ARN.matcher(secretId);
    return m.matches() ? new Parts(m.group(1), m.group(2), m.group(3)) : null;
  }

  static boolean isValidName(String name) {
    return NAME.matcher(name).matches();
  }
}
