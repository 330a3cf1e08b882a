package io.keywarden.trust.passphrase;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id version 0x13 (Bouncy Castle) from a passphrase: the password input is the passphrase's
 * strict UTF-8 encoding (no Unicode normalization; an unpaired surrogate is refused), no secret, no
 * associated data, 32 bytes out.
 */
final class Argon2idKdf {
  static final int OUTPUT_LENGTH = 32;

  private Argon2idKdf() {}

  /**
   * @throws IllegalArgumentException if the passphrase is not valid Unicode
   */
  static byte[] derive(char[] passphrase, byte[] salt, KdfParameters kdf) {
    byte[] password = strictUtf8(passphrase);
    try {
      Argon2Parameters params =
          new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
              .withVersion(Argon2Parameters.ARGON2_VERSION_13)
              .withSalt(salt)
              .withMemoryAsKB(kdf.memoryKiB())
              .withIterations(kdf.iterations())
              .withParallelism(kdf.parallelism())
              .build();
      Argon2BytesGenerator generator = new Argon2BytesGenerator();
      generator.init(params);
      byte[] out = new byte[OUTPUT_LENGTH];
      generator.generateBytes(password, out);
      return out;
    } finally {
      Arrays.fill(password, (byte) 0);
    }
  }

  /** Encodes without going through a {@code String}, and zeroes the intermediate buffer. */
  private static byte[] strictUtf8(char[] chars) {
    CharsetEncoder encoder =
        StandardCharsets.UTF_8
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    // At most 3 bytes per UTF-16 unit (a surrogate pair is 2 units, 4 bytes).
    ByteBuffer out = ByteBuffer.allocate(chars.length * 3);
    try {
      CoderResult result = encoder.encode(CharBuffer.wrap(chars), out, true);
      if (result.isError() || result.isOverflow() || encoder.flush(out).isError()) {
        throw new IllegalArgumentException("the passphrase is not valid Unicode");
      }
      return Arrays.copyOf(out.array(), out.position());
    } finally {
      Arrays.fill(out.array(), (byte) 0);
    }
  }
}
