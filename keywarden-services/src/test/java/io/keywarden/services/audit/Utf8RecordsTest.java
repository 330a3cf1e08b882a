package io.keywarden.services.audit;

import static io.keywarden.services.audit.AuditedKms.ACCOUNT;
import static io.keywarden.services.audit.AuditedKms.OTHER_ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.audit.AuditEvent;
import io.keywarden.domain.identity.Principal;
import io.keywarden.domain.identity.PrincipalType;
import io.keywarden.services.api.AuditResource;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.api.ServiceEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Records built straight into UTF-8 (issue 5) are byte for byte the records built before, as text and
 * then encoded ({@link TextRecords}): for unicode, control characters, surrogates with and without
 * their other half, records larger than the generator's buffer, the caller's and the key owner's
 * copies of a cross-account call, errors, and service events; each case twice and interleaved, so that
 * the pieces each thread keeps encoded are both written fresh and reused.
 */
class Utf8RecordsTest {
  private static final Instant T = Instant.parse("2026-03-01T12:00:00.123456789Z");

  /** Strings that text and UTF-8 generation could write differently. */
  private static final List<String> AWKWARD = List.of(
      "plain", "é ü ß", "中文 키", "emoji 😀 and 👍🏽", "ctl \u0000\u0001\u0008\t\n\f\r\u001f\u007f",
      "quote \" backslash \\ slash /", "separators \u2028 \u2029", "bom \ufeff max \uffff",
      "lone high \ud800 x", "lone low \udc00 x", "reversed \udc00\ud800", "ends high \ud83d",
      "\udfff starts low", "high high \ud83d\ud83d\ude00", "");

  private static final Principal ROOT = Principal.root(ACCOUNT, "AKIAROOTKEY000000001");
  private static final Principal USER = new Principal(PrincipalType.IAMUser, ACCOUNT,
      "arn:aws:iam::" + ACCOUNT + ":user/Zoë😀", "AIDAZOE000000000001", "AKIAZOE0000000000001", "Zoë😀\ud800", null,
      Map.of(), Set.of());
  private static final Principal SESSION = new Principal(PrincipalType.AssumedRole, ACCOUNT,
      Principal.sessionArn(ACCOUNT, "Admin", "night-shift-ü"), "AROAADMIN000000000001:night-shift-ü",
      "ASIASESSION000000001", null, "arn:aws:iam::" + ACCOUNT + ":role/ops/Admin", Map.of(), Set.of(),
      Instant.parse("2026-02-28T23:59:59.5Z"));

  @Test
  void apiCallRecords_areTheTextRecordsInUtf8() {
    List<Supplier<ApiCall>> calls = calls();
    for (int round = 0; round < 2; round++) {
      for (Supplier<ApiCall> call : calls) {
        assertSameRecords(call.get());
      }
      for (int i = calls.size() - 1; i >= 0; i--) { // another order: other cached pieces before each
        assertSameRecords(calls.get(i).get());
      }
    }
  }

  @Test
  void serviceEventRecords_areTheTextRecordsInUtf8() {
    for (String s : AWKWARD) {
      Map<String, String> elements = new LinkedHashMap<>();
      elements.put("keyId", "arn:aws:kms:us-east-1:" + ACCOUNT + ":key/" + s);
      elements.put("z" + s, s);
      ServiceEvent event = new ServiceEvent("kms", "RotateKey", "us-east-1", ACCOUNT,
          List.of(AuditResource.kmsKey("arn:aws:kms:us-east-1:" + ACCOUNT + ":key/" + s, ACCOUNT)),
          elements, Map.of("detail " + s, s));
      AuditEvent built = CloudTrailEvents.serviceEvent(event, T);
      assertUtf8(TextRecords.serviceEvent(event, T, built.eventId()), built);
    }
  }

  /** Records of the calls, cross-account ones too, against the reference with the same event ids. */
  private static void assertSameRecords(ApiCall call) {
    List<AuditEvent> built = CloudTrailEvents.apiCall(call);
    List<String> recipients = CloudTrailEvents.recipients(call);
    assertEquals(recipients.size(), built.size());
    String shared = built.size() == 1 ? null
        : AuditedKms.tree(built.get(0).json()).get("sharedEventID").asText();
    for (int i = 0; i < built.size(); i++) {
      String text = TextRecords.apiCallRecord(call, recipients.get(i), built.get(i).eventId(), shared, i > 0);
      assertUtf8(text, built.get(i));
      assertEquals(call.receivedAt(), built.get(i).eventTime());
    }
  }

  private static void assertUtf8(String text, AuditEvent built) {
    byte[] expected = text.getBytes(StandardCharsets.UTF_8);
    byte[] actual = new byte[built.utf8Length()];
    built.copyUtf8(actual, 0);
    assertArrayEquals(expected, actual, () -> "expected " + text + "\n but was " + built.json());
    assertEquals(new String(expected, StandardCharsets.UTF_8), built.json());
  }

  private static List<Supplier<ApiCall>> calls() {
    List<Supplier<ApiCall>> calls = new ArrayList<>();
    for (String s : AWKWARD) {
      calls.add(() -> encrypt(ROOT, s, "arn:aws:kms:us-east-1:" + ACCOUNT + ":key/k-1"));
      calls.add(() -> encrypt(USER, s, "arn:aws:kms:us-east-1:" + ACCOUNT + ":key/k-" + s));
      calls.add(() -> crossAccount(s));
      calls.add(() -> refused(s));
      calls.add(() -> unauthenticated(s));
      calls.add(() -> createKey(s));
    }
    calls.add(() -> encrypt(ROOT, "é😀".repeat(3_000), "arn:aws:kms:us-east-1:" + ACCOUNT + ":key/big"));
    calls.add(Utf8RecordsTest::userAgentCutInAPair);
    calls.add(Utf8RecordsTest::numbers);
    calls.add(() -> new ApiCall("req-unrouted", T, "203.0.113.9", "curl/8 ü", null)
        .failed("UnknownOperationException", null));
    return calls;
  }

  private static CallContext context(Principal p, String userAgent) {
    return new CallContext(p, "eu-west-1", "req-" + p.accessKeyId(), "198.51.100.7", userAgent, true, T);
  }

  private static ApiCall call(CallContext context, String operation, ObjectNode input, TlsDetails tls) {
    return new ApiCall(context.requestId(), context.receivedAt(), context.sourceIp(), context.userAgent(), tls)
        .service("kms", operation)
        .authenticated(context)
        .input(input);
  }

  private static ObjectNode encryptInput(String keyId, String s) {
    ObjectNode input = JsonNodeFactory.instance.objectNode();
    input.put("KeyId", keyId);
    input.put("Plaintext", "aGVsbG8=");
    ObjectNode context = input.putObject("EncryptionContext");
    context.put("tenant", s);
    context.put(s + " key", "v " + s);
    return input;
  }

  private static ApiCall encrypt(Principal p, String s, String keyArn) {
    CallContext context = context(p, "aws-cli/2.0 " + s);
    context.audit().resource(AuditResource.kmsKey(keyArn, ACCOUNT));
    ObjectNode output = JsonNodeFactory.instance.objectNode().put("KeyId", keyArn).put("CiphertextBlob", "AAAA");
    return call(context, "Encrypt", encryptInput(keyArn, s), null).succeeded(output);
  }

  /** A key of another account, used through a service on the caller's behalf, over TLS. */
  private static ApiCall crossAccount(String s) {
    String keyArn = "arn:aws:kms:eu-west-1:" + OTHER_ACCOUNT + ":key/" + s;
    CallContext context = context(SESSION, "sdk " + s).onBehalfOf("secretsmanager");
    context.audit().resource(AuditResource.kmsKey(keyArn, OTHER_ACCOUNT));
    context.audit().additional("keyMaterialId", "m-" + s);
    return call(context, "Decrypt", encryptInput(keyArn, s), new TlsDetails("TLSv1.3", "TLS_AES_128_GCM_SHA256", s))
        .succeeded(JsonNodeFactory.instance.objectNode().put("KeyId", keyArn));
  }

  private static ApiCall refused(String s) {
    CallContext context = context(USER, s);
    context.audit().resource(AuditResource.kmsKey("arn:aws:kms:eu-west-1:" + ACCOUNT + ":key/k-2", ACCOUNT));
    return call(context, "Decrypt", encryptInput("k-2", s), null)
        .failed("AccessDeniedException", "User: " + USER.arn() + " is not authorized: " + s);
  }

  private static ApiCall unauthenticated(String s) {
    return new ApiCall("req-" + s, T, "203.0.113.9 " + s, s, null)
        .service("kms", "Decrypt" + s)
        .region("eu-west-1" + s)
        .claimed("AKIASTOLEN0000000001", ACCOUNT)
        .failed("InvalidSignatureException", "The request signature we calculated does not match. " + s);
  }

  /** Response members too: a structure with times. */
  private static ApiCall createKey(String s) {
    CallContext context = context(ROOT, "aws-cli");
    String arn = "arn:aws:kms:eu-west-1:" + ACCOUNT + ":key/new";
    context.audit().resource(AuditResource.kmsKey(arn, ACCOUNT));
    ObjectNode input = JsonNodeFactory.instance.objectNode().put("Description", s);
    input.putArray("Tags").addObject().put("TagKey", s).put("TagValue", "v" + s);
    ObjectNode output = JsonNodeFactory.instance.objectNode();
    output.putObject("KeyMetadata").put("AWSAccountId", ACCOUNT).put("KeyId", "new").put("Arn", arn)
        .put("CreationDate", 1772370000.125).put("Enabled", true).put("Description", s);
    return call(context, "CreateKey", input, null).succeeded(output);
  }

  /** A user agent cut at its limit between the halves of a pair: the high half is left alone. */
  private static ApiCall userAgentCutInAPair() {
    String agent = "a".repeat(ApiCall.MAX_USER_AGENT - 1) + "😀 tail";
    ApiCall cut = new ApiCall("req-cut", T, "198.51.100.7", agent, null).service("kms", "ListKeys")
        .authenticated(context(ROOT, agent)).input(JsonNodeFactory.instance.objectNode().put("Limit", 10));
    assertTrue(Character.isHighSurrogate(cut.userAgent().charAt(cut.userAgent().length() - 1)));
    return cut.succeeded(null);
  }

  private static ApiCall numbers() {
    ObjectNode input = JsonNodeFactory.instance.objectNode().put("Limit", new java.math.BigDecimal("1.50E+3"));
    input.put("Marker", "m");
    return call(context(ROOT, "cli"), "ListKeys", input, null).succeeded(null);
  }
}
