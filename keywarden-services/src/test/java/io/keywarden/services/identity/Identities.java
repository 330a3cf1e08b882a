package io.keywarden.services.identity;

import io.keywarden.domain.identity.IamRole;
import io.keywarden.domain.identity.IamUser;
import io.keywarden.domain.key.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Users, roles and policies for identity tests. */
final class Identities {
  static final String ACCOUNT = "111122223333";
  static final String OTHER_ACCOUNT = "444455556666";
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  static final String ALLOW_KMS =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";
  static final String ALLOW_ASSUME_ANY =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
          + "\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"],\"Resource\":\"*\"}]}";

  private Identities() {}

  static IamUser user(String account, String name, String userId, Map<String, String> policies,
      List<Tag> tags) {
    return new IamUser(account, name, userId, "/", T0, tags, policies, 1);
  }

  static IamUser user(String name, String userId) {
    return user(ACCOUNT, name, userId, Map.of(), List.of());
  }

  /** A role that trusts {@code trustedPrincipalJson} (the value of {@code Principal.AWS}). */
  static IamRole role(String account, String name, String roleId, String trustStatementsJson,
      int maxSessionSeconds, List<Tag> tags, Map<String, String> policies) {
    return new IamRole(account, name, roleId, "/", T0,
        "{\"Version\":\"2012-10-17\",\"Statement\":[" + trustStatementsJson + "]}",
        maxSessionSeconds, tags, policies, 1);
  }

  /** A trust statement allowing {@code actions} (JSON array text) to the AWS principal(s). */
  static String trust(String awsPrincipalJson, String actionsJson) {
    return "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":" + awsPrincipalJson + "},\"Action\":"
        + actionsJson + "}";
  }
}
