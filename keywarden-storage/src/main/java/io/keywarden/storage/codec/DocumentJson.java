package io.keywarden.storage.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.key.Tag;
import io.keywarden.domain.storage.StorageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the record codecs of format version 1 share: the JSON settings (duplicate names refused on
 * read, pure ASCII on write, as {@link KeyRecordCodec} does), the {@code "v"} check, and the encodings
 * of tags and of string maps. Maps are written with their names in {@code String} order, so that a
 * record always encodes to the same text.
 */
final class DocumentJson {
  static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
          .build();

  private DocumentJson() {}

  /** A new document whose first field is {@code "v": version}. */
  static ObjectNode start(int version) {
    ObjectNode doc = MAPPER.createObjectNode();
    doc.put("v", version);
    return doc;
  }

  static String finish(ObjectNode doc, String what) {
    try {
      return MAPPER.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new StorageException(what + " could not be encoded", e);
    }
  }

  /**
   * Parses a stored document of format {@code version}.
   *
   * @throws StorageException if it is not JSON, or of another version (never quoting its content)
   */
  static Fields open(String document, String what, int version) {
    JsonNode doc;
    try {
      doc = MAPPER.readTree(document);
    } catch (JsonProcessingException e) {
      throw new StorageException("stored " + what + " is not valid JSON", null);
    }
    Fields f = new Fields(doc, what);
    int found = f.integer("v");
    if (found > version) {
      throw new StorageException(
          "stored " + what + " has format version " + found + ", newer than this release reads ("
              + version + ")",
          null);
    }
    if (found != version) {
      throw new StorageException("stored " + what + " has unknown format version " + found, null);
    }
    return f;
  }

  /** {@code [{"key": ..., "value": ...}]}, in the record's order. */
  static void putTags(ObjectNode doc, String name, List<Tag> tags) {
    ArrayNode array = doc.putArray(name);
    for (Tag tag : tags) {
      array.addObject().put("key", tag.key()).put("value", tag.value());
    }
  }

  static List<Tag> tags(Fields f, String name) {
    List<Fields> nodes = f.array(name);
    List<Tag> tags = new ArrayList<>(nodes.size());
    for (Fields t : nodes) {
      tags.add(new Tag(t.text("key"), t.text("value")));
    }
    return tags;
  }

  /** {@code {"name": "value", ...}}, names in {@code String} order. */
  static void putTextMap(ObjectNode doc, String name, Map<String, String> map) {
    ObjectNode object = doc.putObject(name);
    new TreeMap<>(map).forEach(object::put);
  }

  static void putTexts(ObjectNode doc, String name, List<String> texts) {
    ArrayNode array = doc.putArray(name);
    texts.forEach(array::add);
  }
}
