package io.keywarden.it.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.keywarden.it.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Secrets Manager calls in the audit log, read back with CloudTrail LookupEvents: each call an event
 * of {@code secretsmanager.amazonaws.com}, the KMS calls it made on the caller's behalf events of
 * {@code kms.amazonaws.com} invoked by {@code secretsmanager.amazonaws.com}, and no event holding the
 * secret value.
 */
class SecretsAuditSdkTest {
  private static final String VALUE = "audit-me-never-the-value";

  @Test
  void secretsManagerCalls_andTheirKmsCalls_areAudited_withoutTheValue() {
    try (TestServer server = TestServer.dev();
        SecretsManagerClient sm = SecretsManagerClient.builder()
            .endpointOverride(server.endpoint())
            .region(TestServer.REGION)
            .credentialsProvider(StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIADEVTEST", "dev-secret")))
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      SignedCloudTrail cloudTrail =
          new SignedCloudTrail(server.endpoint(), "AKIADEVTEST", "dev-secret", "us-east-1");
      sm.createSecret(r -> r.name("audited").secretString(VALUE));
      String requestId = sm.getSecretValue(r -> r.secretId("audited")).responseMetadata().requestId();

      JsonNode gets = cloudTrail.lookupEvents("{\"LookupAttributes\":[{\"AttributeKey\":\"EventName\","
          + "\"AttributeValue\":\"GetSecretValue\"}]}");
      assertEquals(1, gets.get("Events").size());
      JsonNode get = SignedCloudTrail.parse(gets.get("Events").get(0).get("CloudTrailEvent").asText());
      assertEquals("secretsmanager.amazonaws.com", get.get("eventSource").asText());
      assertEquals(requestId, get.get("requestID").asText());
      assertEquals("audited", get.at("/requestParameters/secretId").asText());

      JsonNode decrypts = cloudTrail.lookupEvents("{\"LookupAttributes\":[{\"AttributeKey\":\"EventName\","
          + "\"AttributeValue\":\"Decrypt\"}]}");
      JsonNode decrypt = SignedCloudTrail.parse(decrypts.get("Events").get(0).get("CloudTrailEvent").asText());
      assertEquals("kms.amazonaws.com", decrypt.get("eventSource").asText());
      assertEquals("secretsmanager.amazonaws.com", decrypt.at("/userIdentity/invokedBy").asText());

      List<String> all = new ArrayList<>();
      cloudTrail.lookupEvents("{\"MaxResults\":50}").get("Events")
          .forEach(e -> all.add(e.get("CloudTrailEvent").asText()));
      assertEquals(4, all.stream().filter(e -> !e.contains("LookupEvents")).count(), all.toString());
      for (String e : all) {
        assertFalse(e.contains(VALUE), e);
      }
    }
  }
}
