package io.keywarden.services.sts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.identity.IamRole;
import io.keywarden.domain.identity.IamUser;
import io.keywarden.domain.identity.Principal;
import io.keywarden.domain.key.Tag;
import io.keywarden.services.api.ApiException;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.identity.IdentityDirectory;
import io.keywarden.services.identity.SessionTokens;
import io.keywarden.services.identity.TestClock;
import io.keywarden.storage.memory.MemoryStorage;
import io.keywarden.trust.ephemeral.EphemeralRootOfTrust;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** STS over in-memory storage: users and roles put in storage, calls made as any principal. */
final class StsHarness {
  static final String ACCOUNT = "111122223333";
  static final String OTHER_ACCOUNT = "444455556666";
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper();

  final TestClock clock = new TestClock(Instant.parse("2026-05-01T12:00:00Z"));
  final MemoryStorage storage = new MemoryStorage();
  final IdentityDirectory directory = new IdentityDirectory(storage.identities(), storage.settings());
  final SessionTokens sessions =
      new SessionTokens(storage.settings(), new EphemeralRootOfTrust(), clock, directory);
  final StsService sts = new StsService(directory, sessions);
  private int ids;

  IamUser user(String account, String name, Map<String, String> policies, Tag... tags) {
    IamUser u = new IamUser(account, name, String.format("AIDA%017d", ++ids), "/", T0, List.of(tags),
        policies, 1);
    storage.identities().putUser(u);
    directory.changed();
    return u;
  }

  IamRole role(String account, String name, int maxSessionSeconds, String trustStatements, Tag... tags) {
    IamRole r = new IamRole(account, name, String.format("AROA%017d", ++ids), "/", T0,
        "{\"Version\":\"2012-10-17\",\"Statement\":[" + trustStatements + "]}", maxSessionSeconds,
        List.of(tags), Map.of(), 1);
    storage.identities().putRole(r);
    directory.changed();
    return r;
  }

  static Principal as(IamUser u) {
    return Principal.user(u, "AKIA" + u.userName().toUpperCase());
  }

  ObjectNode call(Principal caller, String operation, String json) {
    try {
      ObjectNode in = (ObjectNode) JSON.readTree(json);
      CallContext ctx = new CallContext(caller, "us-east-1", UUID.randomUUID().toString(), "10.0.0.7",
          "test", true, clock.instant());
      return sts.operations().get(operation).operation().invoke(ctx, in);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  ApiException error(Principal caller, String operation, String json) {
    try {
      ObjectNode out = call(caller, operation, json);
      throw new AssertionError(operation + " succeeded: " + out);
    } catch (ApiException e) {
      return e;
    }
  }

  /** AssumeRole, then the session's principal as it signs with the returned credentials. */
  Principal assume(Principal caller, String json) {
    ObjectNode c = (ObjectNode) call(caller, "AssumeRole", json).get("Credentials");
    return sessions.find(c.get("AccessKeyId").asText(), c.get("SessionToken").asText())
        .orElseThrow()
        .principal();
  }

  static String roleArn(String account, String name) {
    return "arn:aws:iam::" + account + ":role/" + name;
  }

  static String userArn(String account, String name) {
    return "arn:aws:iam::" + account + ":user/" + name;
  }

  /** A trust (or deny) statement for principal {@code aws} (a JSON value) and actions. */
  static String statement(String effect, String aws, String actions, String condition) {
    return "{\"Effect\":\"" + effect + "\",\"Principal\":{\"AWS\":" + aws + "},\"Action\":" + actions
        + (condition == null ? "" : ",\"Condition\":" + condition) + "}";
  }

  static String allow(String aws, String actions) {
    return statement("Allow", aws, actions, null);
  }

  static String q(String s) {
    return "\"" + s + "\"";
  }

  static final String ASSUME = "\"sts:AssumeRole\"";
  static final String ASSUME_AND_TAG = "[\"sts:AssumeRole\",\"sts:TagSession\"]";

  /** An IAM policy allowing actions on a resource. */
  static Map<String, String> iamAllow(String actions, String resource) {
    return Map.of("allow", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
        + actions + ",\"Resource\":\"" + resource + "\"}]}");
  }
}
