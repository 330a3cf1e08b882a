package io.keywarden.protocol.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.services.api.ApiException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bodies that are not JSON objects, and members of the wrong JSON type. */
class SerializationTest {
  private static final OperationModel CHECK = ServiceModel.load("echo").operation("Check");

  private static ApiException reject(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ApiException e = assertThrows(ApiException.class, () -> CHECK.readInput(bytes, 0, bytes.length));
    assertEquals("SerializationException", e.code());
    return e;
  }

  @ParameterizedTest
  @ValueSource(strings = {"{", "{\"Name\":\"ab\",}", "{\"Name\":\"ab\"} {}", "nope", "\"x\"", "1", "null"})
  void bodyThatIsNotAJsonObject_failsWithoutMessage(String body) {
    assertNull(reject(body).getMessage());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"Name\":1}|NUMBER_VALUE can not be converted to a String",
        "{\"Name\":true}|TRUE_VALUE can not be converted to a String",
        "{\"Name\":false}|FALSE_VALUE can not be converted to a String",
        "{\"Name\":[\"a\"]}|Start of list found where not expected",
        "{\"Name\":{\"a\":1}}|Start of structure or map found where not expected.",
        "{\"Name\":\"ab\",\"Count\":\"5\"}|STRING_VALUE can not be converted to an Integer",
        "{\"Name\":\"ab\",\"Count\":true}|TRUE_VALUE can not be converted to an Integer",
        "{\"Name\":\"ab\",\"Labels\":\"a\"}|Expected list or null",
        "{\"Name\":\"ab\",\"Labels\":{}}|Start of structure or map found where not expected.",
        "{\"Name\":\"ab\",\"Labels\":[1]}|NUMBER_VALUE can not be converted to a String",
        "{\"Name\":\"ab\",\"Items\":[[]]}|Start of list found where not expected",
        "{\"Name\":\"ab\",\"Tree\":\"x\"}|Expected null",
        "{\"Name\":\"ab\",\"Attributes\":[]}|Start of list found where not expected",
        "{\"Name\":\"ab\",\"Attributes\":{\"k\":1}}|NUMBER_VALUE can not be converted to a String",
        "{\"Name\":\"ab\",\"Flag\":\"true\"}|STRING_VALUE can not be converted to an Boolean",
        "{\"Name\":\"ab\",\"Data\":1}|NUMBER_VALUE can not be converted to a Blob",
        "{\"Name\":\"ab\",\"Data\":\"not base64!\"}|Base64 encoded data is not valid",
        "{\"Name\":\"ab\",\"Data\":\"AAA=A\"}|Base64 encoded data is not valid",
        "[]|Start of list found where not expected"
      })
  void memberOfTheWrongType_failsWithAwsMessage(String body, String message) {
    assertEquals(message, reject(body).getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"Name\":\"ab\",\"Count\":2147483648}", "{\"Name\":\"ab\",\"Big\":1e400}",
      "{\"Name\":\"ab\",\"Big\":99999999999999999999}"})
  void numberBeyondTheMemberType_fails(String body) {
    reject(body);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "\n"})
  void emptyBody_readsAsEmptyObject(String body) {
    OperationModel echo = ServiceModel.load("echo").operation("Echo");
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    assertEquals(0, echo.readInput(bytes, 0, bytes.length).size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"Name\":\"ab\",\"Data\":\"" + "x\\\"}\"}"})
  void serializationMessage_neverQuotesTheBody(String body) {
    ApiException e = reject(body);
    assertTrue(e.getMessage() == null || !e.getMessage().contains("x\""));
  }
}
