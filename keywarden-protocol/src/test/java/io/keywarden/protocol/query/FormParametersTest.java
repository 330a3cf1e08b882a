package io.keywarden.protocol.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormParametersTest {

  private static FormParameters body(String form) {
    byte[] bytes = form.getBytes(StandardCharsets.US_ASCII);
    return FormParameters.parse(bytes, 0, bytes.length);
  }

  @Test
  void pairs_areDecodedInOrder() {
    FormParameters form = body("Action=AssumeRole&Version=2011-06-15&RoleSessionName=s1");
    assertEquals(List.of("Action", "Version", "RoleSessionName"), List.copyOf(form.all().keySet()));
    assertEquals("AssumeRole", form.get("Action"));
    assertEquals("s1", form.get("RoleSessionName"));
  }

  @Test
  void percentAndPlus_decodeAsUtf8() {
    FormParameters form = body("RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2Fa+b&T=%C3%A9t%C3%A9&P=%2B");
    assertEquals("arn:aws:iam::111122223333:role/a b", form.get("RoleArn"));
    assertEquals("été", form.get("T"));
    assertEquals("+", form.get("P"));
  }

  @Test
  void encodedNames_decodeToo() {
    assertEquals("x", body("Tags.member.1%2EKey=x").get("Tags.member.1.Key"));
  }

  @Test
  void badEscapes_stayAsSent() {
    FormParameters form = body("A=100%&B=%zz&C=%4");
    assertEquals("100%", form.get("A"));
    assertEquals("%zz", form.get("B"));
    assertEquals("%4", form.get("C"));
  }

  @Test
  void invalidUtf8_becomesReplacementCharacter() {
    assertEquals("a\uFFFDb", body("A=a%FFb").get("A"));
  }

  @Test
  void nameWithoutValue_isEmpty_andEmptyPairsAreSkipped() {
    FormParameters form = body("&&Tags&Version=&=orphan&");
    assertEquals("", form.get("Tags"));
    assertEquals("", form.get("Version"));
    assertEquals("orphan", form.get(""));
    assertEquals(3, form.all().size());
  }

  @Test
  void repeatedName_keepsTheFirstValue() {
    assertEquals("first", body("Action=first&Action=second").get("Action"));
  }

  @Test
  void queryString_isDecodedLikeABody() {
    FormParameters form = FormParameters.parse("Action=GetCallerIdentity&Version=2011-06-15&X=%C3%A9");
    assertEquals("GetCallerIdentity", form.get("Action"));
    assertEquals("é", form.get("X"));
    assertNull(form.get("Missing"));
  }

  @Test
  void slice_isRespected() {
    byte[] bytes = "xxA=1&B=2yy".getBytes(StandardCharsets.US_ASCII);
    FormParameters form = FormParameters.parse(bytes, 2, 7);
    assertEquals("1", form.get("A"));
    assertEquals("2", form.get("B"));
  }
}
