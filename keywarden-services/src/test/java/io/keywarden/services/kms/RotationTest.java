package io.keywarden.services.kms;

import static io.keywarden.services.kms.KmsHarness.arn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keywarden.services.api.ApiException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RotationTest {
  private final KmsHarness h = new KmsHarness();

  private String material(String id) {
    return h.call("DescribeKey", "{\"KeyId\":\"" + id + "\"}").get("KeyMetadata")
        .get("CurrentKeyMaterialId").asText();
  }

  @Test
  void rotateOnDemand_newMaterialEncryptsAndEveryOldCiphertextDecrypts() {
    String id = h.createKey();
    List<String> blobs = new ArrayList<>();
    String before = material(id);
    for (int i = 0; i < 3; i++) {
      blobs.add(h.encrypt(id, "v" + i));
      assertEquals(arn(id), h.call("RotateKeyOnDemand", "{\"KeyId\":\"" + id + "\"}").get("KeyId").asText());
    }
    assertNotEquals(before, material(id));
    for (int i = 0; i < 3; i++) {
      JsonNode d = h.call("Decrypt", "{\"CiphertextBlob\":\"" + blobs.get(i) + "\"}");
      assertEquals("v" + i, KmsHarness.text(d.get("Plaintext").asText()));
    }
    JsonNode rotations = h.call("ListKeyRotations", "{\"KeyId\":\"" + id + "\"}").get("Rotations");
    assertEquals(3, rotations.size());
    assertEquals("ON_DEMAND", rotations.get(0).get("RotationType").asText());
    assertEquals("CURRENT", rotations.get(2).get("KeyMaterialState").asText());
    assertEquals("NON_CURRENT", rotations.get(0).get("KeyMaterialState").asText());
    JsonNode all = h.call("ListKeyRotations", "{\"KeyId\":\"" + id + "\",\"IncludeKeyMaterial\":\"ALL_KEY_MATERIAL\"}");
    assertEquals(4, all.get("Rotations").size());
    assertFalse(all.get("Rotations").get(0).has("RotationType"));
  }

  @Test
  void rotateOnDemand_limitIs25PerKey() {
    String id = h.createKey();
    for (int i = 0; i < KmsCore.MAX_ON_DEMAND_ROTATIONS; i++) {
      h.call("RotateKeyOnDemand", "{\"KeyId\":\"" + id + "\"}");
    }
    ApiException e = h.error("RotateKeyOnDemand", "{\"KeyId\":\"" + id + "\"}");
    assertEquals("LimitExceededException", e.code());
    assertEquals("The on-demand rotations limit has been reached for the given keyId. No more on-demand"
        + " rotations can be performed for this key: " + arn(id), e.getMessage());
  }

  @Test
  void rotateOnDemand_disabledKey_isDisabledException() {
    String id = h.createKey();
    h.call("DisableKey", "{\"KeyId\":\"" + id + "\"}");
    ApiException e = h.error("RotateKeyOnDemand", "{\"KeyId\":\"" + id + "\"}");
    assertEquals("DisabledException", e.code());
    assertEquals(arn(id) + " is disabled.", e.getMessage());
  }

  @Test
  void automaticRotation_runsWhenDueAndKeepsOldCiphertexts() {
    String id = h.createKey();
    JsonNode off = h.call("GetKeyRotationStatus", "{\"KeyId\":\"" + id + "\"}");
    assertFalse(off.get("KeyRotationEnabled").asBoolean());
    assertFalse(off.has("RotationPeriodInDays"));
    h.call("EnableKeyRotation", "{\"KeyId\":\"" + id + "\",\"RotationPeriodInDays\":90}");
    JsonNode on = h.call("GetKeyRotationStatus", "{\"KeyId\":\"" + id + "\"}");
    assertTrue(on.get("KeyRotationEnabled").asBoolean());
    assertEquals(90, on.get("RotationPeriodInDays").asInt());
    String blob = h.encrypt(id, "old");
    String before = material(id);
    h.clock.advance(Duration.ofDays(89));
    assertEquals(0, h.kms.backgroundJobs().runDue());
    h.clock.advance(Duration.ofDays(1));
    assertEquals(1, h.kms.backgroundJobs().runDue());
    assertNotEquals(before, material(id));
    assertEquals("old", KmsHarness.text(
        h.call("Decrypt", "{\"CiphertextBlob\":\"" + blob + "\"}").get("Plaintext").asText()));
    JsonNode r = h.call("ListKeyRotations", "{\"KeyId\":\"" + id + "\"}").get("Rotations");
    assertEquals("AUTOMATIC", r.get(0).get("RotationType").asText());
    // The next rotation is one period later.
    assertEquals(0, h.kms.backgroundJobs().runDue());
    h.call("DisableKeyRotation", "{\"KeyId\":\"" + id + "\"}");
    h.clock.advance(Duration.ofDays(400));
    assertEquals(0, h.kms.backgroundJobs().runDue());
  }

  @Test
  void onDemandRotation_doesNotMoveTheAutomaticSchedule() {
    String id = h.createKey();
    h.call("EnableKeyRotation", "{\"KeyId\":\"" + id + "\"}");
    String next = h.call("GetKeyRotationStatus", "{\"KeyId\":\"" + id + "\"}").get("NextRotationDate").asText();
    h.call("RotateKeyOnDemand", "{\"KeyId\":\"" + id + "\"}");
    assertEquals(next,
        h.call("GetKeyRotationStatus", "{\"KeyId\":\"" + id + "\"}").get("NextRotationDate").asText());
  }
}
