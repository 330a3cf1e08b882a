package io.keywarden.protocol.sigv4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.services.api.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Verification of requests signed by the AWS SDK for Java v2's signer. */
class SigV4VerifierTest {
  private static final String AKID = "AKIAIOSFODNN7EXAMPLE";
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final String BODY = "{\"KeyId\":\"alias/a\",\"Plaintext\":\"aGVsbG8=\"}";

  private final FakeCredentials credentials = new FakeCredentials(false).add(AKID, SECRET);
  private final SigV4Verifier verifier = new SigV4Verifier(credentials, CLOCK);

  private static SdkSigner.Request signed(String uri, String body, String secret, String service, Clock clock) {
    return SdkSigner.sign(SdkSigner.post(uri), body, AKID, secret, service, clock, true);
  }

  private static SdkSigner.Request signed() {
    return signed("http://localhost:4566/", BODY, SECRET, "kms", CLOCK);
  }

  private ApiException reject(SignedRequest request) {
    return assertThrows(ApiException.class, () -> verifier.verify(request, "kms"));
  }

  @Test
  void sdkSignedRequest_verifiesAndNamesTheCaller() {
    Authentication auth = verifier.verify(signed(), "kms");
    assertEquals("arn:aws:iam::111122223333:root", auth.principal().arn());
    assertEquals(AKID, auth.principal().accessKeyId());
    assertEquals("eu-west-3", auth.region());
    assertTrue(auth.signatureVerified());
    assertNull(auth.securityToken());
  }

  @Test
  void sdkSignedRequestWithQueryAndOddPath_verifies() {
    SdkSigner.Request request =
        SdkSigner.sign(
            SdkSigner.post("http://127.0.0.1:8080/a/./b%20c/../d")
                .putRawQueryParameter("z", "last value")
                .putRawQueryParameter("a", List.of("2", "1", "*~+"))
                .putRawQueryParameter("empty", ""),
            BODY, AKID, SECRET, "kms", CLOCK, true);
    assertTrue(verifier.verify(request, "kms").signatureVerified());
  }

  @Test
  void sdkSignedRequestWithRepeatedAndSpacedHeaders_verifies() {
    SdkSigner.Request request =
        SdkSigner.sign(
            SdkSigner.post("http://localhost:4566/")
                .appendHeader("X-Amz-Meta-List", "  one   two ")
                .appendHeader("X-Amz-Meta-List", "three"),
            BODY, AKID, SECRET, "kms", CLOCK, true);
    assertTrue(verifier.verify(request, "kms").signatureVerified());
  }

  @Test
  void unsignedPayload_verifiesWhateverTheBody() {
    SdkSigner.Request request =
        SdkSigner.sign(SdkSigner.post("https://localhost:4566/"), BODY, AKID, SECRET, "kms", CLOCK, false);
    assertEquals("UNSIGNED-PAYLOAD", request.header("x-amz-content-sha256"));
    request.body = "{}".getBytes(StandardCharsets.UTF_8);
    assertTrue(verifier.verify(request, "kms").signatureVerified());
  }

  @Test
  void emptyBody_verifies() {
    assertTrue(verifier.verify(signed("http://localhost:4566/", "", SECRET, "kms", CLOCK), "kms")
        .signatureVerified());
  }

  @Test
  void wrongSecret_isInvalidSignature() {
    ApiException e = reject(signed("http://localhost:4566/", BODY, SECRET + "x", "kms", CLOCK));
    assertEquals("InvalidSignatureException", e.code());
    assertEquals(
        "The request signature we calculated does not match the signature you provided. Check your "
            + "AWS Secret Access Key and signing method. Consult the service documentation for details.",
        e.getMessage());
  }

  @Test
  void alteredBodyHeaderOrPath_isInvalidSignature() {
    SdkSigner.Request body = signed();
    body.body = "{\"KeyId\":\"alias/b\"}".getBytes(StandardCharsets.UTF_8);
    assertEquals("InvalidSignatureException", reject(body).code());

    SdkSigner.Request header = signed().set("X-Amz-Target", "TrentService.Decrypt");
    assertEquals("InvalidSignatureException", reject(header).code());

    SdkSigner.Request request = signed();
    SdkSigner.Request path = new SdkSigner.Request("POST", "/other", "", request.body);
    path.headers.putAll(request.headers);
    assertEquals("InvalidSignatureException", reject(path).code());
  }

  @Test
  void contentSha256NotMatchingTheBody_isRejected() {
    SdkSigner.Request request = signed().set("x-amz-content-sha256", "00".repeat(32));
    ApiException e = reject(request);
    assertEquals("InvalidSignatureException", e.code());
    assertEquals("The provided 'x-amz-content-sha256' header does not match what was computed.", e.getMessage());
  }

  @Test
  void requestSignedSixMinutesAgo_isExpired() {
    Clock past = Clock.offset(CLOCK, Duration.ofMinutes(-6));
    ApiException e = reject(signed("http://localhost:4566/", BODY, SECRET, "kms", past));
    assertEquals("InvalidSignatureException", e.code());
    assertEquals(
        "Signature expired: 20240501T115400Z is now earlier than 20240501T115500Z "
            + "(20240501T120000Z - 5 min.)",
        e.getMessage());
  }

  @Test
  void requestSignedSixMinutesAhead_isNotYetCurrent() {
    Clock future = Clock.offset(CLOCK, Duration.ofMinutes(6));
    ApiException e = reject(signed("http://localhost:4566/", BODY, SECRET, "kms", future));
    assertEquals("InvalidSignatureException", e.code());
    assertEquals(
        "Signature not yet current: 20240501T120600Z is still later than 20240501T120500Z "
            + "(20240501T120000Z + 5 min.)",
        e.getMessage());
  }

  @Test
  void requestSignedFiveMinutesAgo_isStillAccepted() {
    Clock past = Clock.offset(CLOCK, Duration.ofMinutes(-5));
    assertTrue(verifier.verify(signed("http://localhost:4566/", BODY, SECRET, "kms", past), "kms")
        .signatureVerified());
  }

  @Test
  void scopeForAnotherService_isRejected() {
    ApiException e = reject(signed("http://localhost:4566/", BODY, SECRET, "secretsmanager", CLOCK));
    assertEquals("InvalidSignatureException", e.code());
    assertEquals("Credential should be scoped to correct service: 'kms'. ", e.getMessage());
  }

  @Test
  void scopeDateOtherThanRequestDate_isRejected() {
    SdkSigner.Request request = signed();
    request.set(
        "Authorization",
        request.header("authorization").replace("/20240501/", "/20240430/"));
    ApiException e = reject(request);
    assertEquals("InvalidSignatureException", e.code());
    assertEquals(
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
            + "'20240430' != '20240501', from '20240501T120000Z'. ",
        e.getMessage());
  }

  @Test
  void unknownAccessKey_isUnrecognizedClient() {
    SdkSigner.Request request =
        SdkSigner.sign(SdkSigner.post("http://localhost:4566/"), BODY, "AKIDUNKNOWN", SECRET, "kms", CLOCK, true);
    ApiException e = reject(request);
    assertEquals("UnrecognizedClientException", e.code());
    assertEquals("The security token included in the request is invalid.", e.getMessage());
  }

  @Test
  void devModeUnknownKey_isAcceptedWithoutSignatureButStillChecked() {
    SigV4Verifier dev = new SigV4Verifier(new FakeCredentials(true), CLOCK);
    SdkSigner.Request request =
        SdkSigner.sign(SdkSigner.post("http://localhost:4566/"), BODY, "test", "anything", "kms", CLOCK, true);
    Authentication auth = dev.verify(request, "kms");
    assertFalse(auth.signatureVerified());
    assertEquals("arn:aws:iam::000000000000:root", auth.principal().arn());
    assertEquals("eu-west-3", auth.region());

    SdkSigner.Request wrongService =
        SdkSigner.sign(SdkSigner.post("http://localhost:4566/"), BODY, "test", "x", "sts", CLOCK, true);
    assertEquals("InvalidSignatureException",
        assertThrows(ApiException.class, () -> dev.verify(wrongService, "kms")).code());
    assertEquals("MissingAuthenticationTokenException",
        assertThrows(ApiException.class,
            () -> dev.verify(new SdkSigner.Request("POST", "/", "", new byte[0]), "kms")).code());
  }

  @Test
  void noAuthorization_isMissingAuthenticationToken() {
    ApiException e = reject(signed().remove("Authorization"));
    assertEquals("MissingAuthenticationTokenException", e.code());
    assertEquals("Missing Authentication Token", e.getMessage());
  }

  @Test
  void authorizationWithoutParts_listsEveryMissingPart() {
    SdkSigner.Request request = signed().remove("X-Amz-Date").set("Authorization", "X");
    ApiException e = reject(request);
    assertEquals("IncompleteSignatureException", e.code());
    assertEquals(
        "Authorization header requires 'Credential' parameter. Authorization header requires "
            + "'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. "
            + "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
            + "Authorization=X",
        e.getMessage());
  }

  @Test
  void authorizationMissingSignature_namesIt() {
    String header = "AWS4-HMAC-SHA256 Credential=" + AKID + "/20240501/eu-west-3/kms/aws4_request, SignedHeaders=host;x-amz-date";
    ApiException e = reject(signed().set("Authorization", header));
    assertEquals("IncompleteSignatureException", e.code());
    assertEquals("Authorization header requires 'Signature' parameter. Authorization=" + header, e.getMessage());
  }

  @Test
  void credentialWithoutFiveParts_isIncomplete() {
    String header = "AWS4-HMAC-SHA256 Credential=" + AKID + "/20240501/kms/aws4_request, SignedHeaders=host;x-amz-date, Signature=ab";
    ApiException e = reject(signed().set("Authorization", header));
    assertEquals("IncompleteSignatureException", e.code());
    assertEquals(
        "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term,"
            + " got '" + AKID + "/20240501/kms/aws4_request'",
        e.getMessage());
  }

  @Test
  void malformedAmzDate_isIncomplete() {
    ApiException e = reject(signed().set("X-Amz-Date", "2024-05-01T12:00:00Z"));
    assertEquals("IncompleteSignatureException", e.code());
    assertEquals(
        "Date must be in ISO-8601 'basic format'. Got '2024-05-01T12:00:00Z'. See http://en.wikipedia.org/wiki/ISO_8601",
        e.getMessage());
  }

  @Test
  void hostNotSigned_isRejected() {
    SdkSigner.Request request = signed();
    request.set("Authorization", request.header("authorization").replace("host;", ""));
    ApiException e = reject(request);
    assertEquals("InvalidSignatureException", e.code());
    assertEquals("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.", e.getMessage());
  }

  @Test
  void httpDateHeader_isUsedWhenNoAmzDate() {
    SdkSigner.Request request = signed().remove("X-Amz-Date").set("Date", "Wed, 01 May 2024 11:00:00 GMT");
    ApiException e = reject(request);
    assertEquals(
        "Signature expired: 20240501T110000Z is now earlier than 20240501T115500Z "
            + "(20240501T120000Z - 5 min.)",
        e.getMessage());
  }

  private static SdkSigner.Request withToken(String accessKeyId, String token, String secret) {
    return SdkSigner.sign(
        SdkSigner.post("http://localhost:4566/").putHeader("X-Amz-Security-Token", token),
        BODY, accessKeyId, secret, "kms", CLOCK, true);
  }

  @Test
  void securityToken_isPassedOn() {
    credentials.addSession("ASIAIOSFODNN7EXAMPLE", "token-1", "session-secret");
    SdkSigner.Request request = withToken("ASIAIOSFODNN7EXAMPLE", "token-1", "session-secret");
    Authentication auth = verifier.verify(request, "kms");
    assertTrue(auth.signatureVerified());
    assertEquals("token-1", auth.securityToken());
    assertFalse(auth.toString().contains("token-1"));
  }

  @Test
  void temporaryKey_withAnotherToken_isUnrecognized() {
    credentials.addSession("ASIAIOSFODNN7EXAMPLE", "token-1", "session-secret");
    ApiException e = reject(withToken("ASIAIOSFODNN7EXAMPLE", "token-2", "session-secret"));
    assertEquals("UnrecognizedClientException", e.code());
    assertEquals("The security token included in the request is invalid.", e.getMessage());
    assertEquals("UnrecognizedClientException", reject(withToken(AKID, "token-1", SECRET)).code());
  }

  @Test
  void expiredSession_isExpiredTokenException_evenInDevMode() {
    SessionExpiry expired = (accessKeyId, token) -> "old-token".equals(token);
    for (boolean dev : new boolean[] {false, true}) {
      SigV4Verifier sessions = new SigV4Verifier(new FakeCredentials(dev), expired, CLOCK);
      ApiException e = assertThrows(ApiException.class,
          () -> sessions.verify(withToken("ASIAIOSFODNN7EXAMPLE", "old-token", "s"), "kms"));
      assertEquals("ExpiredTokenException", e.code());
      assertEquals("The security token included in the request is expired", e.getMessage());
    }
  }

  @Test
  void unresolvedToken_inDevMode_fallsBackToTheDevRoot() {
    SigV4Verifier dev = new SigV4Verifier(new FakeCredentials(true), (a, t) -> false, CLOCK);
    Authentication auth = dev.verify(withToken("ASIAIOSFODNN7EXAMPLE", "whatever", "s"), "kms");
    assertFalse(auth.signatureVerified());
    assertEquals("arn:aws:iam::000000000000:root", auth.principal().arn());
  }

  @Test
  void replacedCredential_isUsedAtOnceDespiteTheKeyCache() {
    assertTrue(verifier.verify(signed(), "kms").signatureVerified());
    credentials.add(AKID, "another-secret");
    assertEquals("InvalidSignatureException", reject(signed()).code());
    assertTrue(verifier.verify(signed("http://localhost:4566/", BODY, "another-secret", "kms", CLOCK), "kms")
        .signatureVerified());
  }
}
