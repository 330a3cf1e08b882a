package io.keywarden.protocol.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Base64LengthTest {

  private static int javaLength(String s) {
    try {
      return Base64.getDecoder().decode(s).length;
    } catch (IllegalArgumentException e) {
      return -1;
    }
  }

  @Test
  void encodedBytes_haveTheirLength() {
    Random random = new Random(1);
    for (int n = 0; n < 70; n++) {
      byte[] bytes = new byte[n];
      random.nextBytes(bytes);
      String padded = Base64.getEncoder().encodeToString(bytes);
      String unpadded = Base64.getEncoder().withoutPadding().encodeToString(bytes);
      assertEquals(n, Base64Length.decodedLength(padded), padded);
      assertEquals(n, Base64Length.decodedLength(unpadded), unpadded);
    }
  }

  @Test
  void randomText_agreesWithTheJdkDecoder() {
    Random random = new Random(7);
    String alphabet = "AQgw+/=-_ \n\u00e9";
    for (int i = 0; i < 200_000; i++) {
      StringBuilder s = new StringBuilder();
      int n = random.nextInt(10);
      for (int j = 0; j < n; j++) {
        s.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String text = s.toString();
      assertEquals(javaLength(text), Base64Length.decodedLength(text), "'" + text + "'");
    }
  }
}
