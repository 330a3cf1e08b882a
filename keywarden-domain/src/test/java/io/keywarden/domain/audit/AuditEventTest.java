package io.keywarden.domain.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An event given as text or as UTF-8 bytes gives the other form, and both are one line. */
class AuditEventTest {
  private static final Instant T = Instant.parse("2026-03-01T12:00:00.5Z");
  private static final String JSON = "{\"a\":\"é 中 😀 \\n\"}";

  private static byte[] utf8(AuditEvent e) {
    byte[] b = new byte[e.utf8Length() + 2];
    e.copyUtf8(b, 1);
    return java.util.Arrays.copyOfRange(b, 1, b.length - 1);
  }

  @Test
  void text_givesItsUtf8() {
    AuditEvent e = new AuditEvent("id-1", T, JSON);
    assertArrayEquals(JSON.getBytes(StandardCharsets.UTF_8), utf8(e));
    assertEquals('{', e.utf8At(0));
    assertEquals('}', e.utf8At(e.utf8Length() - 1));
    assertEquals(JSON, e.json());
  }

  @Test
  void utf8_givesItsText_andEqualsTheTextForm() {
    AuditEvent e = AuditEvent.ofUtf8("id-1", T, JSON.getBytes(StandardCharsets.UTF_8));
    assertEquals(JSON, e.json());
    assertArrayEquals(JSON.getBytes(StandardCharsets.UTF_8), utf8(e));
    assertEquals(new AuditEvent("id-1", T, JSON), e);
    assertEquals(new AuditEvent("id-1", T, JSON).hashCode(), e.hashCode());
    assertEquals("id-1", e.eventId());
    assertEquals(T, e.eventTime());
  }

  @Test
  void newlineOrNul_anywhereInTheBytes_isRefused() {
    byte[] ok = "{\"a\":\"0123456789abcdef é\"}".getBytes(StandardCharsets.UTF_8);
    AuditEvent.ofUtf8("id", T, ok);
    for (int i = 0; i < ok.length; i++) {
      for (byte bad : new byte[] {'\n', 0}) {
        byte[] b = ok.clone();
        b[i] = bad;
        assertThrows(IllegalArgumentException.class, () -> AuditEvent.ofUtf8("id", T, b), "at " + i);
      }
    }
    for (byte near : new byte[] {0x0b, 0x09, 0x01, (byte) 0x8a, (byte) 0x80, (byte) 0xff}) {
      byte[] b = ok.clone();
      b[9] = near;
      AuditEvent.ofUtf8("id", T, b); // neither: accepted
    }
  }

  @Test
  void newline_isRefusedInEitherForm() {
    assertThrows(IllegalArgumentException.class, () -> new AuditEvent("id", T, "{\n}"));
    assertThrows(IllegalArgumentException.class,
        () -> AuditEvent.ofUtf8("id", T, "{\"a\":\"é\n\"}".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void nul_isRefusedInTheTextFormToo() {
    assertThrows(IllegalArgumentException.class, () -> new AuditEvent("id", T, "{\"a\":\"\0\"}"));
  }
}
