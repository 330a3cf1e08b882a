package io.keywarden.protocol.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.protocol.json.JsonCodec;
import io.keywarden.protocol.json.ServiceModel;
import io.keywarden.services.api.ApiException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every wire rule of the Query protocol, against the test model {@code aws-models/queryecho}. */
class QueryEchoModelTest {
  private static final QueryModel MODEL =
      QueryModel.compile(ServiceModel.readDefinition("queryecho", QueryEchoModelTest.class.getClassLoader()));

  private static ObjectNode read(String form) {
    return MODEL.readInput("Echo", FormParameters.parse(form));
  }

  private static ObjectNode json(String text) {
    try {
      return (ObjectNode) JsonCodec.readTree(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String xml(String operation, ObjectNode output) {
    return new String(MODEL.result(operation, output, "req-1"), StandardCharsets.UTF_8);
  }

  @Test
  void metadata_isRead() {
    assertEquals("2024-06-01", MODEL.apiVersion());
    assertEquals("https://queryecho.example/doc/2024-06-01/", MODEL.xmlNamespace());
    assertTrue(MODEL.hasOperation("Nothing"));
    assertFalse(MODEL.hasOperation("Missing"));
  }

  @Test
  void jsonModel_isRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> QueryModel.compile(ServiceModel.readDefinition("echo", getClass().getClassLoader())));
  }

  @Test
  void scalars_becomeTheirJsonTypes() {
    ObjectNode in = read("Action=Echo&Name=n&Count=7&Big=-9000000000&Ratio=1.25&Enabled=TRUE"
        + "&When=2026-11-22T08%3A00%3A00.5Z&WhenEpoch=1700000000&Data=AAE%3D&Secret=s&OtherName=r");
    assertEquals(new BigDecimal("1795334400.5"), in.remove("When").decimalValue());
    assertEquals(json("{\"Name\":\"n\",\"Count\":7,\"Big\":-9000000000,\"Ratio\":1.25,\"Enabled\":true,"
        + "\"WhenEpoch\":1700000000,\"Data\":\"AAE=\",\"Secret\":\"s\",\"Renamed\":\"r\"}").toString(), in.toString());
    assertTrue(in.get("Count").isInt());
  }

  @Test
  void isoTimestamps_withOffsets_areNormalizedToEpochSeconds() {
    assertEquals(new BigDecimal("1795334400"), read("When=2026-11-22T09%3A00%3A00%2B01%3A00").get("When").decimalValue());
  }

  @Test
  void lists_followTheirMemberNames_andFlattening() {
    ObjectNode in = read("Items.item.2=b&Items.item.1=a&Items.item.10=c&Items.item.x=ignored"
        + "&Flat.1=f1&Flat.2=f2&Entry.1=e1");
    assertEquals(json("{\"Items\":[\"a\",\"b\",\"c\"],\"Flat\":[\"f1\",\"f2\"],\"FlatNamed\":[\"e1\"]}"), in);
  }

  @Test
  void nameAlone_isTheEmptyList() {
    assertEquals(json("{\"Items\":[]}"), read("Items="));
  }

  @Test
  void maps_readEntriesWithTheirKeyAndValueNames() {
    ObjectNode in = read("Attributes.entry.1.Name=k1&Attributes.entry.1.Value=v1"
        + "&Attributes.entry.2.Name=k2&Attributes.entry.2.Value=v2&Attributes.entry.3.Name=noValue"
        + "&Labels.1.key=l&Labels.1.value=m");
    assertEquals(json("{\"Attributes\":{\"k1\":\"v1\",\"k2\":\"v2\"},\"Labels\":{\"l\":\"m\"}}"), in);
  }

  @Test
  void nestedStructures_andRecursion_useDots() {
    ObjectNode in = read("Nested.Inner=top&Nested.Children.member.1.Inner=kid"
        + "&Nested.Children.member.1.Children.member.1.Inner=grandkid");
    assertEquals(json("{\"Nested\":{\"Inner\":\"top\",\"Children\":[{\"Inner\":\"kid\",\"Children\":"
        + "[{\"Inner\":\"grandkid\"}]}]}}"), in);
  }

  @Test
  void unknownParameters_andDeepKeys_areIgnored() {
    String deep = "Nested" + ".Children.member.1".repeat(12) + ".Inner=x";
    assertEquals(json("{}"), read("Action=Echo&Version=2024-06-01&Unknown=1&name=lowercase&" + deep));
  }

  @Test
  void wrongTypes_areValidationErrors_naming_thePath() {
    ApiException count = assertThrows(ApiException.class, () -> read("Count=seven"));
    assertEquals("ValidationError", count.code());
    assertEquals("1 validation error detected: Value 'seven' at 'count' failed to satisfy constraint: "
        + "Member must be an integer", count.getMessage());
    assertEquals("Member must be an integer", tail(assertThrows(ApiException.class, () -> read("Count=3000000000"))));
    assertEquals("Member must be an integer", tail(assertThrows(ApiException.class, () -> read("Big=1.5"))));
    assertEquals("Member must be a number", tail(assertThrows(ApiException.class, () -> read("Ratio=NaN"))));
    assertEquals("Member must be a boolean", tail(assertThrows(ApiException.class, () -> read("Enabled=yes"))));
    assertEquals("Member must be a timestamp in ISO 8601 format",
        tail(assertThrows(ApiException.class, () -> read("When=1700000000"))));
    assertEquals("Member must be a timestamp in ISO 8601 format",
        tail(assertThrows(ApiException.class, () -> read("WhenEpoch=1e999999999"))));
    ApiException nested = assertThrows(ApiException.class,
        () -> read("Nested.Inner=a&Nested.Children.member.1.Inner=b&Nested.Children.member.1.Children.member.2.Inner=c"
            + "&Attributes.entry.1.Name=k&Attributes.entry.1.Value=v&Count=x"));
    assertTrue(nested.getMessage().contains("at 'count'"), nested.getMessage());
  }

  @Test
  void wrongTypes_ofSensitiveMembers_leaveTheValueOut() {
    ApiException e = assertThrows(ApiException.class, () -> read("Pin=12ab"));
    assertEquals("1 validation error detected: Value at 'pin' failed to satisfy constraint: "
        + "Member must be an integer", e.getMessage());
  }

  private static String tail(ApiException e) {
    return e.getMessage().substring(e.getMessage().indexOf("constraint: ") + "constraint: ".length());
  }

  @Test
  void result_isWrapped_inModelOrder_withListsMapsAndFormats() {
    ObjectNode out = json("{\"Renamed\":\"r\",\"Name\":\"a&b\",\"Count\":3,\"Big\":12345678901,\"Ratio\":0.1,"
        + "\"Enabled\":false,\"When\":1795334400.25,\"WhenEpoch\":1700000000,\"Data\":\"AAE=\","
        + "\"Items\":[\"x\",null,\"y\"],\"Flat\":[\"f\"],\"FlatNamed\":[\"e\"],"
        + "\"Attributes\":{\"k\":\"v\"},\"Labels\":{\"l\":\"m\"},"
        + "\"Nested\":{\"Inner\":\"i\",\"Children\":[{\"Inner\":\"c\"}]},\"NotInModel\":\"dropped\",\"Secret\":null}");
    assertEquals("<EchoResponse xmlns=\"https://queryecho.example/doc/2024-06-01/\"><EchoResult>"
        + "<Name>a&amp;b</Name><Count>3</Count><Big>12345678901</Big><Ratio>0.1</Ratio><Enabled>false</Enabled>"
        + "<When>2026-11-22T08:00:00.250Z</When><WhenEpoch>1700000000</WhenEpoch><Data>AAE=</Data>"
        + "<Items><item>x</item><item>y</item></Items><Flat>f</Flat><Entry>e</Entry>"
        + "<Attributes><entry><Name>k</Name><Value>v</Value></entry></Attributes>"
        + "<Labels><key>l</key><value>m</value></Labels>"
        + "<Nested><Inner>i</Inner><Children><member><Inner>c</Inner></member></Children></Nested>"
        + "<OtherName>r</OtherName>"
        + "</EchoResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></EchoResponse>",
        xml("Echo", out));
  }

  @Test
  void binaryNodes_areBase64_andWholeSecondsHaveNoFraction() {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("Data", new byte[] {0, 1, (byte) 0xff});
    out.put("When", new BigDecimal("1795334400.000"));
    assertEquals("<EchoResponse xmlns=\"https://queryecho.example/doc/2024-06-01/\"><EchoResult>"
        + "<When>2026-11-22T08:00:00Z</When><Data>AAH/</Data></EchoResult>"
        + "<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></EchoResponse>", xml("Echo", out));
  }

  @Test
  void outputWithoutWrapper_sitsInTheResponseElement_andNoOutputHasOnlyMetadata() {
    assertEquals("<UnwrappedResponse xmlns=\"https://queryecho.example/doc/2024-06-01/\"><Name>n</Name>"
        + "<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></UnwrappedResponse>",
        xml("Unwrapped", json("{\"Name\":\"n\"}")));
    assertEquals("<NothingResponse xmlns=\"https://queryecho.example/doc/2024-06-01/\">"
        + "<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></NothingResponse>", xml("Nothing", null));
    assertEquals("<EchoResponse xmlns=\"https://queryecho.example/doc/2024-06-01/\"><EchoResult></EchoResult>"
        + "<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></EchoResponse>", xml("Echo", null));
  }

  @Test
  void valuesOfTheWrongJsonType_areLeftOut() {
    assertEquals("<EchoResponse xmlns=\"https://queryecho.example/doc/2024-06-01/\"><EchoResult>"
        + "<Count>4</Count></EchoResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>"
        + "</EchoResponse>",
        xml("Echo", json("{\"Count\":\"4\",\"Enabled\":[],\"Items\":\"x\",\"Nested\":\"y\",\"Attributes\":[1]}")));
  }

  @Test
  void modeledErrors_useTheModelsCodeStatusAndFault() {
    assertEquals(new QueryError("Teapot", 418, true), MODEL.error(new ApiException("TeapotException", "m")));
    assertEquals(new QueryError("Teapot", 418, true), MODEL.error(new ApiException("Teapot", "m")));
    assertEquals(new QueryError("BrokenException", 500, false), MODEL.error(new ApiException("BrokenException", "m")));
  }

  @Test
  void commonAndUnknownErrors_getAwsStatusOrTheirFault() {
    assertEquals(new QueryError("AccessDenied", 403, true), MODEL.error(new ApiException("AccessDenied", "m")));
    assertEquals(new QueryError("ServiceUnavailable", 503, false),
        MODEL.error(new ApiException("ServiceUnavailable", "m")));
    assertEquals(new QueryError("Other", 400, true), MODEL.error(new ApiException("Other", "m")));
    assertEquals(new QueryError("Other", 500, false),
        MODEL.error(new ApiException("Other", "m", ApiException.Fault.SERVER)));
  }

  @Test
  void errorDocument_hasTypeCodeMessageAndRequestId() {
    String doc = new String(MODEL.errorDocument(new QueryError("Teapot", 418, true), "short & <stout>", "req-2"),
        StandardCharsets.UTF_8);
    assertEquals("<ErrorResponse xmlns=\"https://queryecho.example/doc/2024-06-01/\"><Error><Type>Sender</Type>"
        + "<Code>Teapot</Code><Message>short &amp; &lt;stout&gt;</Message></Error><RequestId>req-2</RequestId>"
        + "</ErrorResponse>", doc);
    String noMessage = new String(MODEL.errorDocument(new QueryError("InternalFailure", 500, false), null, "r"),
        StandardCharsets.UTF_8);
    assertEquals("<ErrorResponse xmlns=\"https://queryecho.example/doc/2024-06-01/\"><Error><Type>Receiver</Type>"
        + "<Code>InternalFailure</Code></Error><RequestId>r</RequestId></ErrorResponse>", noMessage);
  }
}
