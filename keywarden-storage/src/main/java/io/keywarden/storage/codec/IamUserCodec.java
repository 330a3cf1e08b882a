package io.keywarden.storage.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.identity.IamUser;
import io.keywarden.domain.storage.StorageException;

/**
 * The stored document of an {@link IamUser}, written field by field, version {@value #VERSION} in its
 * {@code "v"} field.
 *
 * <p>Format version 1: {@code v, accountId, userName, userId, path, createdAt} (ISO-8601 with
 * nanoseconds, {@link StoredInstants}), {@code tags: [{key, value}]} (the record's order), {@code
 * policies: {name: document}} (names in {@code String} order), {@code revision}. Pure ASCII. Evolution
 * as for {@link KeyRecordCodec}: unknown fields are ignored, newer versions refused.
 */
public final class IamUserCodec {
  public static final int VERSION = 1;
  private static final String WHAT = "IAM user";

  private IamUserCodec() {}

  public static String encode(IamUser user) {
    ObjectNode doc = DocumentJson.start(VERSION);
    doc.put("accountId", user.accountId());
    doc.put("userName", user.userName());
    doc.put("userId", user.userId());
    doc.put("path", user.path());
    doc.put("createdAt", StoredInstants.toText(user.createdAt()));
    DocumentJson.putTags(doc, "tags", user.tags());
    DocumentJson.putTextMap(doc, "policies", user.policies());
    doc.put("revision", user.revision());
    return DocumentJson.finish(doc, WHAT);
  }

  /** @throws StorageException if the document is malformed, incomplete, or of a newer version */
  public static IamUser decode(String document) {
    Fields f = DocumentJson.open(document, WHAT, VERSION);
    try {
      return new IamUser(
          f.text("accountId"),
          f.text("userName"),
          f.text("userId"),
          f.text("path"),
          f.instant("createdAt"),
          DocumentJson.tags(f, "tags"),
          f.textMap("policies"),
          f.longInteger("revision"));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new StorageException("stored " + WHAT + " is inconsistent", e);
    }
  }
}
