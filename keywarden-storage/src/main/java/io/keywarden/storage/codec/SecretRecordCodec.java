package io.keywarden.storage.codec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.secret.EncryptedSecretValue;
import io.keywarden.domain.secret.SecretRecord;
import io.keywarden.domain.secret.SecretVersion;
import io.keywarden.domain.storage.StorageException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The stored document of a {@link SecretRecord}, written field by field, version {@value #VERSION} in
 * its {@code "v"} field.
 *
 * <p>Format version 1: {@code v, arn, accountId, region, name, description?, kmsKeyId?, tags: [{key,
 * value}], createdDate, lastChangedDate, lastAccessedDate?, deletedDate?} (ISO-8601 with nanoseconds), {@code resourcePolicy?} (the JSON text),
 * {@code versions: [{versionId, stages: [..], createdDate, lastAccessedDate?, value: {keyArn,
 * encryptedDataKey, nonce, ciphertext} (base64), binary}]}, {@code rotation?} ({@link
 * SecretRotationJson}), {@code replication?} ({@link SecretReplicationJson}), {@code revision}. Values are stored only
 * encrypted. Pure ASCII. Evolution as for {@link KeyRecordCodec}.
 */
public final class SecretRecordCodec {
  public static final int VERSION = 1;
  private static final String WHAT = "secret";

  private SecretRecordCodec() {}

  public static String encode(SecretRecord s) {
    ObjectNode doc = DocumentJson.start(VERSION);
    doc.put("arn", s.arn());
    doc.put("accountId", s.accountId());
    doc.put("region", s.region());
    doc.put("name", s.name());
    optional(doc, "description", s.description());
    optional(doc, "kmsKeyId", s.kmsKeyId());
    DocumentJson.putTags(doc, "tags", s.tags());
    doc.put("createdDate", StoredInstants.toText(s.createdDate()));
    doc.put("lastChangedDate", StoredInstants.toText(s.lastChangedDate()));
    if (s.lastAccessedDate() != null) {
      doc.put("lastAccessedDate", StoredInstants.toText(s.lastAccessedDate()));
    }
    if (s.deletedDate() != null) {
      doc.put("deletedDate", StoredInstants.toText(s.deletedDate()));
    }
    optional(doc, "resourcePolicy", s.resourcePolicy());
    ArrayNode versions = doc.putArray("versions");
    for (SecretVersion v : s.versions()) {
      ObjectNode n = versions.addObject();
      n.put("versionId", v.versionId());
      DocumentJson.putTexts(n, "stages", v.stages());
      n.put("createdDate", StoredInstants.toText(v.createdDate()));
      if (v.lastAccessedDate() != null) {
        n.put("lastAccessedDate", StoredInstants.toText(v.lastAccessedDate()));
      }
      EncryptedSecretValue e = v.value();
      if (e != null) {
        Base64.Encoder b64 = Base64.getEncoder();
        n.putObject("value")
            .put("keyArn", e.keyArn())
            .put("encryptedDataKey", b64.encodeToString(e.encryptedDataKey()))
            .put("nonce", b64.encodeToString(e.nonce()))
            .put("ciphertext", b64.encodeToString(e.ciphertext()))
            .put("binary", e.binary());
      }
    }
    SecretRotationJson.put(doc, "rotation", s.rotation());
    SecretReplicationJson.put(doc, "replication", s.replication());
    doc.put("revision", s.revision());
    return DocumentJson.finish(doc, WHAT);
  }

  /** @throws StorageException if the document is malformed, incomplete, or of a newer version */
  public static SecretRecord decode(String document) {
    Fields f = DocumentJson.open(document, WHAT, VERSION);
    try {
      List<SecretVersion> versions = new ArrayList<>();
      Base64.Decoder b64 = Base64.getDecoder();
      for (Fields v : f.array("versions")) {
        // A rotation's empty AWSPENDING version has no value yet.
        Fields e = v.has("value") ? v.object("value") : null;
        versions.add(new SecretVersion(
            v.text("versionId"),
            v.texts("stages"),
            v.instant("createdDate"),
            v.optionalInstant("lastAccessedDate"),
            e == null ? null : new EncryptedSecretValue(
                e.text("keyArn"),
                b64.decode(e.text("encryptedDataKey")),
                b64.decode(e.text("nonce")),
                b64.decode(e.text("ciphertext")),
                e.bool("binary"))));
      }
      return new SecretRecord(
          f.text("arn"),
          f.text("accountId"),
          f.text("region"),
          f.text("name"),
          f.optionalText("description"),
          f.optionalText("kmsKeyId"),
          DocumentJson.tags(f, "tags"),
          f.instant("createdDate"),
          f.instant("lastChangedDate"),
          f.optionalInstant("lastAccessedDate"),
          f.optionalInstant("deletedDate"),
          f.optionalText("resourcePolicy"),
          versions,
          SecretRotationJson.get(f, "rotation"),
          SecretReplicationJson.get(f, "replication"),
          f.longInteger("revision"));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new StorageException("stored " + WHAT + " is inconsistent", e);
    }
  }

  private static void optional(ObjectNode doc, String name, String value) {
    if (value != null) {
      doc.put(name, value);
    }
  }
}
