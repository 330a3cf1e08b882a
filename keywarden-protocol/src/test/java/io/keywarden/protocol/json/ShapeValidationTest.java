package io.keywarden.protocol.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.services.api.ApiException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every shape type and constraint, against the test model {@code aws-models/echo}. */
class ShapeValidationTest {
  private static final OperationModel CHECK = ServiceModel.load("echo").operation("Check");

  private static ObjectNode accept(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return CHECK.readInput(bytes, 0, bytes.length);
  }

  private static String rejectMessage(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ApiException e = assertThrows(ApiException.class, () -> CHECK.readInput(bytes, 0, bytes.length));
    assertEquals("ValidationException", e.code());
    return e.getMessage();
  }

  private static String one(String error) {
    return "1 validation error detected: " + error;
  }

  @Test
  void minimalValidBody_passes() {
    assertEquals("ab", accept("{\"Name\":\"ab\"}").get("Name").asText());
  }

  @Test
  void everyMemberValid_passes() {
    ObjectNode node =
        accept(
            "{\"Name\":\"abc\",\"Count\":5,\"Big\":10000000000,\"Ratio\":0.5,\"Secret\":\"s\","
                + "\"Data\":\"AAAA\",\"Labels\":[\"a\",\"bcd\"],\"Attributes\":{\"k\":\"vv\"},"
                + "\"Items\":[{\"Id\":\"x\",\"Size\":2}],\"Tree\":{\"Name\":\"a\",\"Child\":{\"Name\":\"b\"}},"
                + "\"Flag\":true,\"When\":1700000000.5,\"Mode\":\"FAST\"}");
    assertEquals(10000000000L, node.get("Big").asLong());
  }

  @Test
  void stringBreakingPatternAndMaximum_reportsBoth() {
    assertEquals(
        "2 validation errors detected: Value 'ABCDEF' at 'name' failed to satisfy constraint: "
            + "Member must satisfy regular expression pattern: ^[a-z]+$; Value 'ABCDEF' at 'name' "
            + "failed to satisfy constraint: Member must have length less than or equal to 5",
        rejectMessage("{\"Name\":\"ABCDEF\"}"));
  }

  @Test
  void stringLength_countsCodePoints() {
    // Two code points, four UTF-16 units: within max 5 and the pattern is what fails.
    String message = rejectMessage("{\"Name\":\"\\uD83D\\uDE00\\uD83D\\uDE00\"}");
    assertTrue(message.startsWith("1 validation error detected:"), message);
    assertTrue(message.endsWith("pattern: ^[a-z]+$"), message);
  }

  @Test
  void missingRequiredMember_reportsValueNull() {
    assertEquals(
        one("Value null at 'name' failed to satisfy constraint: Member must not be null"),
        rejectMessage("{\"Count\":1}"));
  }

  @Test
  void jsonNullMember_isAbsentAndRemoved() {
    assertEquals(
        one("Value null at 'name' failed to satisfy constraint: Member must not be null"),
        rejectMessage("{\"Name\":null}"));
    ObjectNode node = accept("{\"Name\":\"ab\",\"Count\":null}");
    assertFalse(node.has("Count"));
  }

  @Test
  void longAndDoubleBounds_areReportedAsTheModelWritesThem() {
    assertEquals(
        one("Value '10000000001' at 'big' failed to satisfy constraint: Member must have value less "
            + "than or equal to 10000000000"),
        rejectMessage("{\"Name\":\"ab\",\"Big\":10000000001}"));
    assertEquals(
        one("Value '1.5' at 'ratio' failed to satisfy constraint: Member must have value less than "
            + "or equal to 1.0"),
        rejectMessage("{\"Name\":\"ab\",\"Ratio\":1.5}"));
  }

  @Test
  void fractionalInteger_isTruncatedAsAwsDoes() {
    accept("{\"Name\":\"ab\",\"Count\":5.9}");
    assertEquals(
        one("Value '0' at 'count' failed to satisfy constraint: Member must have value greater than "
            + "or equal to 1"),
        rejectMessage("{\"Name\":\"ab\",\"Count\":0.5}"));
  }

  @Test
  void sensitiveString_isNotPrinted() {
    assertEquals(
        one("Value at 'secret' failed to satisfy constraint: Member must have length less than or "
            + "equal to 4"),
        rejectMessage("{\"Name\":\"ab\",\"Secret\":\"hunter2\"}"));
  }

  @Test
  void blob_boundsDecodedBytesAndIsNotPrinted() {
    assertEquals(
        one("Value at 'data' failed to satisfy constraint: Member must have length less than or "
            + "equal to 4"),
        rejectMessage("{\"Name\":\"ab\",\"Data\":\"AAAAAAA=\"}"));
    assertEquals(
        one("Value at 'data' failed to satisfy constraint: Member must have length greater than or "
            + "equal to 1"),
        rejectMessage("{\"Name\":\"ab\",\"Data\":\"\"}"));
  }

  @Test
  void scalarListMembers_areReportedOnceWithAllConstraints() {
    assertEquals(
        one("Value '[abcd, ]' at 'labels' failed to satisfy constraint: Member must satisfy "
            + "constraint: [Member must have length less than or equal to 3, Member must have length "
            + "greater than or equal to 1]"),
        rejectMessage("{\"Name\":\"ab\",\"Labels\":[\"abcd\",\"\"]}"));
  }

  @Test
  void listLengthAndNullElements_nullsAreSkipped() {
    ObjectNode node = accept("{\"Name\":\"ab\",\"Labels\":[\"a\",null,\"b\"]}");
    assertEquals(2, node.get("Labels").size());
    assertEquals(
        one("Value '[a, b, c]' at 'labels' failed to satisfy constraint: Member must have length "
            + "less than or equal to 2"),
        rejectMessage("{\"Name\":\"ab\",\"Labels\":[\"a\",\"b\",\"c\"]}"));
  }

  @Test
  void mapKeysAndValues_areReportedOnceEachKeysFirst() {
    assertEquals(
        "2 validation errors detected: Value '{long=toolong}' at 'attributes' failed to satisfy "
            + "constraint: Map keys must satisfy constraint: [Member must have length less than or "
            + "equal to 3, Member must have length greater than or equal to 1]; Value "
            + "'{long=toolong}' at 'attributes' failed to satisfy constraint: Map value must satisfy "
            + "constraint: [Member must have length less than or equal to 2]",
        rejectMessage("{\"Name\":\"ab\",\"Attributes\":{\"long\":\"toolong\"}}"));
  }

  @Test
  void structuresInLists_reportOneBasedMemberPaths() {
    assertEquals(
        "2 validation errors detected: Value null at 'items.2.member.id' failed to satisfy "
            + "constraint: Member must not be null; Value '9' at 'items.2.member.size' failed to "
            + "satisfy constraint: Member must have value less than or equal to 5",
        rejectMessage("{\"Name\":\"ab\",\"Items\":[{\"Id\":\"a\"},{\"Size\":9}]}"));
  }

  @Test
  void recursiveStructure_reportsNestedPath() {
    assertEquals(
        one("Value 'long' at 'tree.child.child.name' failed to satisfy constraint: Member must have "
            + "length less than or equal to 3"),
        rejectMessage(
            "{\"Name\":\"ab\",\"Tree\":{\"Child\":{\"Child\":{\"Name\":\"long\"}}}}"));
  }

  @Test
  void enumValue_listsModelOrder() {
    assertEquals(
        one("Value 'MEDIUM' at 'mode' failed to satisfy constraint: Member must satisfy enum value "
            + "set: [FAST, SLOW]"),
        rejectMessage("{\"Name\":\"ab\",\"Mode\":\"MEDIUM\"}"));
  }

  @Test
  void operationWithoutInput_acceptsAnyObject() {
    OperationModel noInput = ServiceModel.load("echo").operation("NoInput");
    byte[] body = "{\"A\":1}".getBytes(StandardCharsets.UTF_8);
    assertEquals(1, noInput.readInput(body, 0, body.length).get("A").asInt());
    assertNull(ServiceModel.load("echo").operation("Missing"));
  }
}
