package io.keywarden.services.secrets;

import static io.keywarden.services.api.JsonInput.bool;
import static io.keywarden.services.api.JsonInput.integer;
import static io.keywarden.services.api.JsonInput.isTrue;
import static io.keywarden.services.api.JsonInput.string;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.api.JsonOutput;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * GetRandomPassword: {@code PasswordLength} characters (default 32) drawn uniformly from the classes
 * left in (upper case, lower case, digits, AWS's punctuation set, optionally the space) minus {@code
 * ExcludeCharacters}; with {@code RequireEachIncludedType} (the default) at least one of each class.
 */
final class RandomPasswordOperation {
  static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
  static final String DIGITS = "0123456789";
  static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
  private static final int DEFAULT_LENGTH = 32;

  private final SecureRandom random = new SecureRandom();
  private final SecretAccess access;

  RandomPasswordOperation(SecretAccess access) {
    this.access = access;
  }

  ObjectNode invoke(CallContext ctx, ObjectNode in) {
    access.check(ctx, "GetRandomPassword", "*", SecretAccess.keys());
    Integer requested = integer(in, "PasswordLength");
    int length = requested == null ? DEFAULT_LENGTH : requested;
    String excluded = string(in, "ExcludeCharacters");
    List<String> classes = new ArrayList<>();
    addClass(classes, UPPER, isTrue(in, "ExcludeUppercase"), excluded);
    addClass(classes, LOWER, isTrue(in, "ExcludeLowercase"), excluded);
    addClass(classes, DIGITS, isTrue(in, "ExcludeNumbers"), excluded);
    addClass(classes, PUNCTUATION, isTrue(in, "ExcludePunctuation"), excluded);
    addClass(classes, " ", !isTrue(in, "IncludeSpace"), excluded);
    if (classes.isEmpty()) {
      throw SecretsErrors.invalidParameter(
          "The password can't be generated: every character type is excluded.");
    }
    boolean eachType = !Boolean.FALSE.equals(bool(in, "RequireEachIncludedType"));
    if (eachType && length < classes.size()) {
      throw SecretsErrors.invalidParameter("The password length is too short to include every"
          + " required character type.");
    }
    String all = String.join("", classes);
    char[] password = new char[length];
    int at = 0;
    if (eachType) {
      for (String c : classes) {
        password[at++] = c.charAt(random.nextInt(c.length()));
      }
    }
    while (at < length) {
      password[at++] = all.charAt(random.nextInt(all.length()));
    }
    for (int i = length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      char t = password[i];
      password[i] = password[j];
      password[j] = t;
    }
    ObjectNode out = JsonOutput.object();
    out.put("RandomPassword", new String(password));
    java.util.Arrays.fill(password, '\0');
    return out;
  }

  private static void addClass(List<String> classes, String chars, boolean excludedClass,
      String excluded) {
    if (excludedClass) {
      return;
    }
    StringBuilder left = new StringBuilder();
    for (char c : chars.toCharArray()) {
      if (excluded == null || excluded.indexOf(c) < 0) {
        left.append(c);
      }
    }
    if (left.length() > 0) {
      classes.add(left.toString());
    }
  }
}
