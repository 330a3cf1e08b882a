package io.keywarden.services.secrets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.key.Tag;
import io.keywarden.services.api.JsonInput;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** Reads of the members several Secrets Manager operations share. */
final class SecretInputs {
  private SecretInputs() {}

  /**
   * A secret value as given: {@code SecretString} (as UTF-8) or {@code SecretBinary}. The holder
   * zeroes {@link #bytes} once done.
   */
  record Value(byte[] bytes, boolean binary) {}

  /** The value of a request, or {@code null} if it has none; both members is an error. */
  static Value value(ObjectNode in) {
    boolean hasString = JsonInput.has(in, "SecretString");
    boolean hasBinary = JsonInput.has(in, "SecretBinary");
    if (hasString && hasBinary) {
      throw SecretsErrors.invalidParameter(
          "You can't specify both a binary secret value and a string secret value in the same secret.");
    }
    if (hasString) {
      return new Value(JsonInput.string(in, "SecretString").getBytes(StandardCharsets.UTF_8), false);
    }
    if (hasBinary) {
      return new Value(Base64.getDecoder().decode(JsonInput.string(in, "SecretBinary")), true);
    }
    return null;
  }

  /** The request's {@code ClientRequestToken}, or a new UUID (as AWS's SDKs would send). */
  static String token(ObjectNode in) {
    String token = JsonInput.string(in, "ClientRequestToken");
    return token == null ? UUID.randomUUID().toString() : token;
  }

  static List<Tag> tags(ObjectNode in) {
    List<Tag> tags = new ArrayList<>();
    for (ObjectNode t : JsonInput.objectList(in, "Tags")) {
      tags.add(new Tag(JsonInput.string(t, "Key"), JsonInput.string(t, "Value") == null
          ? "" : JsonInput.string(t, "Value")));
    }
    return tags;
  }

  /** {@code tags} with {@code added} merged in: a key present already takes the new value. */
  static List<Tag> merge(List<Tag> tags, List<Tag> added) {
    List<Tag> out = new ArrayList<>(tags);
    for (Tag t : added) {
      boolean replaced = false;
      for (int i = 0; i < out.size(); i++) {
        if (out.get(i).key().equals(t.key())) {
          out.set(i, t);
          replaced = true;
        }
      }
      if (!replaced) {
        out.add(t);
      }
    }
    return out;
  }

  /** A page token over a list: the offset to continue from. */
  static String pageToken(int offset) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(("kw1:" + offset).getBytes(StandardCharsets.US_ASCII));
  }

  /** The offset of a page token; 0 for none. */
  static int offset(String token) {
    if (token == null) {
      return 0;
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
      if (!text.startsWith("kw1:")) {
        throw SecretsErrors.invalidNextToken();
      }
      int offset = Integer.parseInt(text.substring(4));
      if (offset < 0) {
        throw SecretsErrors.invalidNextToken();
      }
      return offset;
    } catch (IllegalArgumentException e) {
      throw SecretsErrors.invalidNextToken();
    }
  }
}
