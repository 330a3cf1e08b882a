package io.keywarden.storage.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.storage.StorageException;
import io.keywarden.domain.trust.WrappedKey;
import java.util.Base64;

/** A {@link WrappedKey} in a stored document: {@code {"rootKeyId": ..., "blob": <base64>}}. */
final class WrappedKeyJson {
  private WrappedKeyJson() {}

  static ObjectNode encode(WrappedKey wrapped, ObjectNode into) {
    into.put("rootKeyId", wrapped.rootKeyId());
    into.put("blob", Base64.getEncoder().encodeToString(wrapped.blob()));
    return into;
  }

  static WrappedKey decode(Fields node) {
    String rootKeyId = node.text("rootKeyId");
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(node.text("blob"));
    } catch (IllegalArgumentException e) {
      throw new StorageException("stored wrapped key is not valid base64", null);
    }
    return new WrappedKey(rootKeyId, blob);
  }
}
