package io.keywarden.storage.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.identity.IamRole;
import io.keywarden.domain.storage.StorageException;

/**
 * The stored document of an {@link IamRole}, written field by field, version {@value #VERSION} in its
 * {@code "v"} field.
 *
 * <p>Format version 1: {@code v, accountId, roleName, roleId, path, createdAt} (ISO-8601 with
 * nanoseconds), {@code trustPolicy} (the JSON document as a string), {@code maxSessionSeconds, tags:
 * [{key, value}], policies: {name: document}} (names in {@code String} order), {@code revision}. Pure
 * ASCII. Evolution as for {@link KeyRecordCodec}.
 */
public final class IamRoleCodec {
  public static final int VERSION = 1;
  private static final String WHAT = "IAM role";

  private IamRoleCodec() {}

  public static String encode(IamRole role) {
    ObjectNode doc = DocumentJson.start(VERSION);
    doc.put("accountId", role.accountId());
    doc.put("roleName", role.roleName());
    doc.put("roleId", role.roleId());
    doc.put("path", role.path());
    doc.put("createdAt", StoredInstants.toText(role.createdAt()));
    doc.put("trustPolicy", role.trustPolicy());
    doc.put("maxSessionSeconds", role.maxSessionSeconds());
    DocumentJson.putTags(doc, "tags", role.tags());
    DocumentJson.putTextMap(doc, "policies", role.policies());
    doc.put("revision", role.revision());
    return DocumentJson.finish(doc, WHAT);
  }

  /** @throws StorageException if the document is malformed, incomplete, or of a newer version */
  public static IamRole decode(String document) {
    Fields f = DocumentJson.open(document, WHAT, VERSION);
    try {
      return new IamRole(
          f.text("accountId"),
          f.text("roleName"),
          f.text("roleId"),
          f.text("path"),
          f.instant("createdAt"),
          f.text("trustPolicy"),
          f.integer("maxSessionSeconds"),
          DocumentJson.tags(f, "tags"),
          f.textMap("policies"),
          f.longInteger("revision"));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new StorageException("stored " + WHAT + " is inconsistent", e);
    }
  }
}
