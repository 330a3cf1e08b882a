package io.keywarden.services.kms;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.identity.Principal;
import io.keywarden.services.api.ApiException;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.identity.IdentityPolicies;
import io.keywarden.storage.memory.MemoryStorage;
import io.keywarden.trust.ephemeral.EphemeralRootOfTrust;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;

/** A KMS service over in-memory storage, an ephemeral root and a clock the test moves. */
final class KmsHarness {
  static final String ACCOUNT = "111122223333";
  static final String REGION = "us-east-1";
  static final ObjectMapper JSON = new ObjectMapper();

  final MemoryStorage storage = new MemoryStorage();
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final KmsService kms;

  KmsHarness() {
    this(IdentityPolicies.ROOTS_ONLY, GrantAuthority.NONE);
  }

  KmsHarness(IdentityPolicies identities, GrantAuthority grants) {
    this.kms = new KmsService(storage, new EphemeralRootOfTrust(), clock, identities, grants);
  }

  ObjectNode call(String operation, String json) {
    return call(ACCOUNT, REGION, operation, json);
  }

  ObjectNode call(String account, String region, String operation, String json) {
    return call(Principal.root(account, "AKIATEST"), region, operation, json);
  }

  ObjectNode call(Principal principal, String region, String operation, String json) {
    return call(context(principal, region), operation, json);
  }

  ObjectNode call(CallContext ctx, String operation, String json) {
    try {
      ObjectNode in = (ObjectNode) JSON.readTree(json);
      return kms.operations().get(operation).operation().invoke(ctx, in);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  CallContext context(Principal principal, String region) {
    return new CallContext(
        principal, region, UUID.randomUUID().toString(), "127.0.0.1", "test", false, clock.instant());
  }

  /** The error an operation answers to {@code principal}; fails if it succeeds. */
  ApiException error(Principal principal, String operation, String json) {
    try {
      ObjectNode out = call(principal, REGION, operation, json);
      throw new AssertionError(operation + " succeeded: " + out);
    } catch (ApiException e) {
      return e;
    }
  }

  /** The error an operation answers; fails if it succeeds. */
  ApiException error(String operation, String json) {
    try {
      ObjectNode out = call(operation, json);
      throw new AssertionError(operation + " succeeded: " + out);
    } catch (ApiException e) {
      return e;
    }
  }

  String createKey() {
    return call("CreateKey", "{}").get("KeyMetadata").get("KeyId").asText();
  }

  String encrypt(String keyId, String plaintext) {
    return call(
            "Encrypt",
            "{\"KeyId\":\"" + keyId + "\",\"Plaintext\":\"" + b64(plaintext) + "\"}")
        .get("CiphertextBlob")
        .asText();
  }

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  static String text(String b64) {
    return new String(Base64.getDecoder().decode(b64), java.nio.charset.StandardCharsets.UTF_8);
  }

  static String arn(String keyId) {
    return "arn:aws:kms:" + REGION + ":" + ACCOUNT + ":key/" + keyId;
  }

  /** A clock tests move forward. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
