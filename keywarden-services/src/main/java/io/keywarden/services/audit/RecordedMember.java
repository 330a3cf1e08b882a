package io.keywarden.services.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One member of a request or response that an audit record may carry, and how it is copied. Member
 * names are the model's ({@code KeyId}); the record names them as CloudTrail does, with the first
 * letter in lower case ({@code keyId}). Only what a rule lists is copied, and only in the form the
 * rule expects: a value that is not of that form (a blob where a string was expected, an object
 * where a scalar was) is left out rather than copied.
 */
sealed interface RecordedMember {

  /** The member's name in the model, e.g. {@code EncryptionContext}. */
  String name();

  /** The member's name in the record ({@link #recordName}), encoded once. */
  SerializedString field();

  /**
   * Writes the member, named in the record's style, if {@code value} has the expected form.
   *
   * @return whether it was written
   */
  boolean write(JsonGenerator out, JsonNode value) throws IOException;

  /** A string, number or boolean. */
  static RecordedMember value(String name) {
    return new Value(name);
  }

  /** A map of strings to strings, keys kept as they are (an encryption context). */
  static RecordedMember map(String name) {
    return new StringMap(name);
  }

  /** A list of strings (tag keys, grant operations). */
  static RecordedMember strings(String name) {
    return new Strings(name);
  }

  /** An AWS JSON 1.1 timestamp (epoch seconds), written as AWS writes response dates. */
  static RecordedMember time(String name) {
    return new Time(name);
  }

  /** A structure, with only the listed members. */
  static RecordedMember struct(String name, RecordedMember... members) {
    return new Struct(name, List.of(members));
  }

  /** A list of structures, each with only the listed members. */
  static RecordedMember structs(String name, RecordedMember... members) {
    return new Structs(name, List.of(members));
  }

  /** {@code KeyId} as {@code keyId}; {@code AWSAccountId} as {@code aWSAccountId}, as AWS writes it. */
  static String recordName(String modelName) {
    return Character.toLowerCase(modelName.charAt(0)) + modelName.substring(1);
  }

  /** {@link #recordName}, encoded once for writing. */
  private static SerializedString fieldOf(String modelName) {
    return RecordJson.name(recordName(modelName));
  }

  /** Writes the listed members of {@code object} that it has, as an object. */
  static void writeMembers(JsonGenerator out, List<RecordedMember> members, JsonNode object)
      throws IOException {
    out.writeStartObject();
    for (RecordedMember member : members) {
      JsonNode value = object.get(member.name());
      if (value != null && !value.isNull()) {
        member.write(out, value);
      }
    }
    out.writeEndObject();
  }

  /** Whether any listed member is present in {@code object}. */
  static boolean anyPresent(List<RecordedMember> members, JsonNode object) {
    for (RecordedMember member : members) {
      JsonNode value = object.get(member.name());
      if (value != null && !value.isNull()) {
        return true;
      }
    }
    return false;
  }

  private static boolean isScalar(JsonNode node) {
    return node.isTextual() || node.isNumber() || node.isBoolean();
  }

  private static void writeScalar(JsonGenerator out, JsonNode node) throws IOException {
    if (node.isTextual()) {
      out.writeString(node.textValue());
    } else if (node.isBoolean()) {
      out.writeBoolean(node.booleanValue());
    } else if (node.isIntegralNumber()) {
      out.writeNumber(node.bigIntegerValue());
    } else {
      out.writeNumber(node.decimalValue());
    }
  }

  /** A scalar. */
  record Value(String name, SerializedString field) implements RecordedMember {
    public Value {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(field, "field");
    }

    Value(String name) {
      this(name, fieldOf(name));
    }

    @Override
    public boolean write(JsonGenerator out, JsonNode value) throws IOException {
      if (!isScalar(value)) {
        return false;
      }
      out.writeFieldName(field);
      writeScalar(out, value);
      return true;
    }
  }

  /** A string-to-string map. */
  record StringMap(String name, SerializedString field) implements RecordedMember {
    public StringMap {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(field, "field");
    }

    StringMap(String name) {
      this(name, fieldOf(name));
    }

    @Override
    public boolean write(JsonGenerator out, JsonNode value) throws IOException {
      if (!value.isObject()) {
        return false;
      }
      for (JsonNode v : value) {
        if (!v.isTextual()) {
          return false;
        }
      }
      out.writeFieldName(field);
      out.writeStartObject();
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        out.writeStringField(entry.getKey(), entry.getValue().textValue());
      }
      out.writeEndObject();
      return true;
    }
  }

  /** A list of strings. */
  record Strings(String name, SerializedString field) implements RecordedMember {
    public Strings {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(field, "field");
    }

    Strings(String name) {
      this(name, fieldOf(name));
    }

    @Override
    public boolean write(JsonGenerator out, JsonNode value) throws IOException {
      if (!value.isArray()) {
        return false;
      }
      for (JsonNode v : value) {
        if (!v.isTextual()) {
          return false;
        }
      }
      out.writeFieldName(field);
      out.writeStartArray();
      for (JsonNode v : value) {
        out.writeString(v.textValue());
      }
      out.writeEndArray();
      return true;
    }
  }

  /** A timestamp. */
  record Time(String name, SerializedString field) implements RecordedMember {
    public Time {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(field, "field");
    }

    Time(String name) {
      this(name, fieldOf(name));
    }

    @Override
    public boolean write(JsonGenerator out, JsonNode value) throws IOException {
      if (!value.isNumber()) {
        return false;
      }
      out.writeFieldName(field);
      out.writeString(CloudTrailTimes.element(value.decimalValue()));
      return true;
    }
  }

  /** A structure. */
  record Struct(String name, SerializedString field, List<RecordedMember> members) implements RecordedMember {
    public Struct {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(field, "field");
      members = List.copyOf(members);
    }

    Struct(String name, List<RecordedMember> members) {
      this(name, fieldOf(name), members);
    }

    @Override
    public boolean write(JsonGenerator out, JsonNode value) throws IOException {
      if (!value.isObject()) {
        return false;
      }
      out.writeFieldName(field);
      writeMembers(out, members, value);
      return true;
    }
  }

  /** A list of structures. */
  record Structs(String name, SerializedString field, List<RecordedMember> members) implements RecordedMember {
    public Structs {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(field, "field");
      members = List.copyOf(members);
    }

    Structs(String name, List<RecordedMember> members) {
      this(name, fieldOf(name), members);
    }

    @Override
    public boolean write(JsonGenerator out, JsonNode value) throws IOException {
      if (!value.isArray()) {
        return false;
      }
      for (JsonNode v : value) {
        if (!v.isObject()) {
          return false;
        }
      }
      out.writeFieldName(field);
      out.writeStartArray();
      for (JsonNode v : value) {
        writeMembers(out, members, v);
      }
      out.writeEndArray();
      return true;
    }
  }
}
