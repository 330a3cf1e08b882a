package io.keywarden.protocol.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class XmlWriterTest {

  private static String text(XmlWriter writer) {
    return new String(writer.toBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void markupCharacters_areEscaped() {
    XmlWriter out = new XmlWriter(16).element("V", "a<b>&\"c'");
    assertEquals("<V>a&lt;b&gt;&amp;\"c'</V>", text(out));
  }

  @Test
  void lineBreaks_areCharacterReferences_andTabsStay() {
    assertEquals("<V>a&#xD;&#xA;b\tc</V>", text(new XmlWriter(16).element("V", "a\r\nb\tc")));
  }

  @Test
  void charactersXmlCannotCarry_becomeReplacementCharacters() {
    String bad = "a\u0000b\u001Fc\uD800d\uFFFEe";
    assertEquals("<V>a\uFFFDb\uFFFDc\uFFFDd\uFFFDe</V>", text(new XmlWriter(16).element("V", bad)));
  }

  @Test
  void supplementaryCharacters_stay() {
    assertEquals("<V>\uD83D\uDD11 é</V>", text(new XmlWriter(16).element("V", "\uD83D\uDD11 é")));
  }

  @Test
  void namespace_isAnAttributeOfTheElement() {
    XmlWriter out = new XmlWriter(64).start("R", "https://x/?a&b\"").start("E").end("E").end("R");
    assertEquals("<R xmlns=\"https://x/?a&amp;b&quot;\"><E></E></R>", text(out));
    assertEquals("<R></R>", text(new XmlWriter(8).start("R", "").end("R")));
  }
}
