package io.keywarden.services.identity;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The plaintext of a session token: fields in a fixed order, strings as length-prefixed modified
 * UTF-8 ({@link DataOutputStream#writeUTF}), counts before lists, instants as epoch milliseconds.
 * Encrypted and authenticated by {@link SessionTokens}; never seen outside it.
 */
final class SessionTokenCodec {
  private static final int MAX_ITEMS = 128;

  private SessionTokenCodec() {}

  static byte[] encode(SessionToken t) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    char[] secret = t.secret();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(t.accessKeyId);
      out.writeUTF(new String(secret));
      out.writeUTF(t.accountId);
      out.writeUTF(t.roleName);
      out.writeUTF(t.rolePath);
      out.writeUTF(t.roleId);
      out.writeUTF(t.sessionName);
      out.writeShort(t.sessionTags.size());
      for (Map.Entry<String, String> tag : t.sessionTags.entrySet()) {
        out.writeUTF(tag.getKey());
        out.writeUTF(tag.getValue());
      }
      out.writeShort(t.transitiveTagKeys.size());
      for (String k : t.transitiveTagKeys) {
        out.writeUTF(k);
      }
      out.writeLong(t.issuedAt.toEpochMilli());
      out.writeLong(t.expiresAt.toEpochMilli());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      Arrays.fill(secret, '\0');
    }
    return bytes.toByteArray();
  }

  /** @throws IOException if the bytes are not a whole token */
  static SessionToken decode(byte[] plaintext) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(plaintext));
    String accessKeyId = in.readUTF();
    char[] secret = in.readUTF().toCharArray();
    try {
      String account = in.readUTF();
      String roleName = in.readUTF();
      String rolePath = in.readUTF();
      String roleId = in.readUTF();
      String sessionName = in.readUTF();
      int tagCount = count(in);
      Map<String, String> tags = new LinkedHashMap<>();
      for (int i = 0; i < tagCount; i++) {
        tags.put(in.readUTF(), in.readUTF());
      }
      int keyCount = count(in);
      Set<String> transitive = new LinkedHashSet<>();
      for (int i = 0; i < keyCount; i++) {
        transitive.add(in.readUTF());
      }
      Instant issuedAt = Instant.ofEpochMilli(in.readLong());
      Instant expiresAt = Instant.ofEpochMilli(in.readLong());
      if (in.available() != 0) {
        throw new IOException("trailing bytes");
      }
      return new SessionToken(accessKeyId, secret, account, roleName, rolePath, roleId, sessionName,
          tags, transitive, issuedAt, expiresAt);
    } finally {
      Arrays.fill(secret, '\0');
    }
  }

  private static int count(DataInputStream in) throws IOException {
    int n = in.readUnsignedShort();
    if (n > MAX_ITEMS) {
      throw new IOException("too many items");
    }
    return n;
  }
}
