package io.keywarden.storage.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.key.KeyManager;
import io.keywarden.domain.key.KeyRecord;
import io.keywarden.domain.key.KeySpec;
import io.keywarden.domain.key.KeyState;
import io.keywarden.domain.key.KeyUsage;
import io.keywarden.domain.key.MaterialVersion;
import io.keywarden.domain.key.Origin;
import io.keywarden.domain.key.RotationSchedule;
import io.keywarden.domain.key.RotationType;
import io.keywarden.domain.key.Tag;
import io.keywarden.domain.storage.StorageException;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored document of a {@link KeyRecord}: JSON written field by field (no reflection on the record,
 * so renaming a Java component never changes what is stored), version {@value #VERSION} in its {@code
 * "v"} field.
 *
 * <p>Format version 1, every field of the record: {@code v, keyId, accountId, region, description,
 * keySpec, keyUsage, origin, keyManager, state} (enum names), {@code creationDate} and every other
 * instant as ISO-8601 text with nanoseconds ({@link StoredInstants}), {@code deletionDate?,
 * pendingWindowDays?, policy, tags: [{key, value}], rotation: {enabled, periodDays, nextRotation?},
 * materials: [{materialId, createdAt, rotationType?, wrapped: {rootKeyId, blob}}]} (blob in standard
 * base64, oldest material first), {@code currentMaterialId?, onDemandRotations, revision}. A field
 * marked {@code ?} is omitted when {@code null}. Output is pure ASCII (non-ASCII characters are
 * {@code \\u} escaped), so every character of a Java string survives any database encoding.
 *
 * <p>Evolution: a reader ignores fields it does not know; a change that older releases must not
 * silently drop bumps {@code v}, and a reader refuses versions newer than it knows.
 */
public final class KeyRecordCodec {
  public static final int VERSION = 1;

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
          .build();

  private KeyRecordCodec() {}

  public static String encode(KeyRecord key) {
    ObjectNode doc = MAPPER.createObjectNode();
    doc.put("v", VERSION);
    doc.put("keyId", key.keyId());
    doc.put("accountId", key.accountId());
    doc.put("region", key.region());
    doc.put("description", key.description());
    doc.put("keySpec", key.keySpec().name());
    doc.put("keyUsage", key.keyUsage().name());
    doc.put("origin", key.origin().name());
    doc.put("keyManager", key.keyManager().name());
    doc.put("state", key.state().name());
    doc.put("creationDate", StoredInstants.toText(key.creationDate()));
    if (key.deletionDate() != null) {
      doc.put("deletionDate", StoredInstants.toText(key.deletionDate()));
    }
    if (key.pendingWindowDays() != null) {
      doc.put("pendingWindowDays", key.pendingWindowDays().intValue());
    }
    doc.put("policy", key.policy());
    ArrayNode tags = doc.putArray("tags");
    for (Tag tag : key.tags()) {
      tags.addObject().put("key", tag.key()).put("value", tag.value());
    }
    ObjectNode rotation = doc.putObject("rotation");
    rotation.put("enabled", key.rotation().enabled());
    rotation.put("periodDays", key.rotation().periodDays());
    if (key.rotation().nextRotation() != null) {
      rotation.put("nextRotation", StoredInstants.toText(key.rotation().nextRotation()));
    }
    ArrayNode materials = doc.putArray("materials");
    for (MaterialVersion m : key.materials()) {
      ObjectNode node = materials.addObject();
      node.put("materialId", m.materialId());
      node.put("createdAt", StoredInstants.toText(m.createdAt()));
      if (m.rotationType() != null) {
        node.put("rotationType", m.rotationType().name());
      }
      node.set("wrapped", WrappedKeyJson.encode(m.wrapped(), MAPPER.createObjectNode()));
    }
    if (key.currentMaterialId() != null) {
      doc.put("currentMaterialId", key.currentMaterialId());
    }
    doc.put("onDemandRotations", key.onDemandRotations());
    doc.put("revision", key.revision());
    try {
      return MAPPER.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new StorageException("key record could not be encoded", e);
    }
  }

  /** @throws StorageException if the document is malformed, incomplete, or of a newer version */
  public static KeyRecord decode(String document) {
    JsonNode doc;
    try {
      doc = MAPPER.readTree(document);
    } catch (JsonProcessingException e) {
      throw new StorageException("stored key record is not valid JSON", null);
    }
    Fields f = new Fields(doc, "key record");
    int version = f.integer("v");
    if (version > VERSION) {
      throw new StorageException(
          "stored key record has format version " + version + ", newer than this release reads ("
              + VERSION + ")",
          null);
    }
    if (version != VERSION) {
      throw new StorageException("stored key record has unknown format version " + version, null);
    }
    try {
      return new KeyRecord(
          f.text("keyId"),
          f.text("accountId"),
          f.text("region"),
          f.text("description"),
          f.enumValue("keySpec", KeySpec.class),
          f.enumValue("keyUsage", KeyUsage.class),
          f.enumValue("origin", Origin.class),
          f.enumValue("keyManager", KeyManager.class),
          f.enumValue("state", KeyState.class),
          f.instant("creationDate"),
          f.optionalInstant("deletionDate"),
          f.optionalInteger("pendingWindowDays"),
          f.text("policy"),
          tags(f.array("tags")),
          rotation(f.object("rotation")),
          materials(f.array("materials")),
          f.optionalText("currentMaterialId"),
          f.integer("onDemandRotations"),
          f.longInteger("revision"));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new StorageException("stored key record is inconsistent", e);
    }
  }

  private static List<Tag> tags(List<Fields> nodes) {
    List<Tag> tags = new ArrayList<>(nodes.size());
    for (Fields t : nodes) {
      tags.add(new Tag(t.text("key"), t.text("value")));
    }
    return tags;
  }

  private static RotationSchedule rotation(Fields r) {
    return new RotationSchedule(
        r.bool("enabled"), r.integer("periodDays"), r.optionalInstant("nextRotation"));
  }

  private static List<MaterialVersion> materials(List<Fields> nodes) {
    List<MaterialVersion> materials = new ArrayList<>(nodes.size());
    for (Fields m : nodes) {
      String rotationType = m.optionalText("rotationType");
      materials.add(
          new MaterialVersion(
              m.text("materialId"),
              m.instant("createdAt"),
              rotationType == null ? null : m.enumValue("rotationType", RotationType.class),
              WrappedKeyJson.decode(m.object("wrapped"))));
    }
    return materials;
  }
}
