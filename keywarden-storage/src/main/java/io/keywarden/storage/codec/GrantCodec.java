package io.keywarden.storage.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.key.Grant;
import io.keywarden.domain.storage.StorageException;

/**
 * The stored document of a {@link Grant}, written field by field, version {@value #VERSION} in its
 * {@code "v"} field.
 *
 * <p>Format version 1: {@code v, grantId, region, keyId, keyAccountId, name?, granteePrincipal,
 * retiringPrincipal?, operations: [..]} (the record's order), {@code encryptionContextEquals?: {..},
 * encryptionContextSubset?: {..}} (names in {@code String} order; an empty constraint is written as
 * {@code {}}, no constraint is omitted), {@code issuer, creationDate} (ISO-8601 with nanoseconds). A
 * field marked {@code ?} is omitted when {@code null}. Pure ASCII. Evolution as for {@link
 * KeyRecordCodec}.
 */
public final class GrantCodec {
  public static final int VERSION = 1;
  private static final String WHAT = "grant";

  private GrantCodec() {}

  public static String encode(Grant grant) {
    ObjectNode doc = DocumentJson.start(VERSION);
    doc.put("grantId", grant.grantId());
    doc.put("region", grant.region());
    doc.put("keyId", grant.keyId());
    doc.put("keyAccountId", grant.keyAccountId());
    if (grant.name() != null) {
      doc.put("name", grant.name());
    }
    doc.put("granteePrincipal", grant.granteePrincipal());
    if (grant.retiringPrincipal() != null) {
      doc.put("retiringPrincipal", grant.retiringPrincipal());
    }
    DocumentJson.putTexts(doc, "operations", grant.operations());
    if (grant.encryptionContextEquals() != null) {
      DocumentJson.putTextMap(doc, "encryptionContextEquals", grant.encryptionContextEquals());
    }
    if (grant.encryptionContextSubset() != null) {
      DocumentJson.putTextMap(doc, "encryptionContextSubset", grant.encryptionContextSubset());
    }
    doc.put("issuer", grant.issuer());
    doc.put("creationDate", StoredInstants.toText(grant.creationDate()));
    return DocumentJson.finish(doc, WHAT);
  }

  /** @throws StorageException if the document is malformed, incomplete, or of a newer version */
  public static Grant decode(String document) {
    Fields f = DocumentJson.open(document, WHAT, VERSION);
    try {
      return new Grant(
          f.text("grantId"),
          f.text("region"),
          f.text("keyId"),
          f.text("keyAccountId"),
          f.optionalText("name"),
          f.text("granteePrincipal"),
          f.optionalText("retiringPrincipal"),
          f.texts("operations"),
          f.optionalTextMap("encryptionContextEquals"),
          f.optionalTextMap("encryptionContextSubset"),
          f.text("issuer"),
          f.instant("creationDate"));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new StorageException("stored " + WHAT + " is inconsistent", e);
    }
  }
}
