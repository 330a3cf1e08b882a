package io.keywarden.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A {@code structure} shape. Members are checked in model order; a required member that is absent
 * (or JSON {@code null}, which AWS treats as absent and which is removed here) is reported as {@code
 * Value null at '<member>' failed to satisfy constraint: Member must not be null}. Members the model
 * does not know are ignored, as AWS ignores them.
 */
final class StructureShape extends Shape {

  /** One member: its JSON name, its name in messages (lowerCamelCase), its shape. */
  static final class Member {
    private final String jsonName;
    private final String pathName;
    private final boolean required;
    private final Shape shape;

    Member(String jsonName, boolean required, Shape shape) {
      this.jsonName = jsonName;
      this.pathName = lowerCamel(jsonName);
      this.required = required;
      this.shape = shape;
    }

    String jsonName() {
      return jsonName;
    }

    Shape shape() {
      return shape;
    }
  }

  private Member[] members = new Member[0];

  StructureShape(String name, boolean sensitive) {
    super(name, sensitive);
  }

  /** Sets the members once compiled (structures may refer to themselves). */
  void members(List<Member> compiled) {
    this.members = compiled.toArray(new Member[0]);
  }

  Member[] members() {
    return members;
  }

  @Override
  void validate(JsonNode value, Validation validation) {
    if (!value.isObject()) {
      throw TypeMismatch.object(value);
    }
    ObjectNode object = (ObjectNode) value;
    for (Member member : members) {
      JsonNode child = object.get(member.jsonName);
      if (child != null && child.isNull()) {
        object.remove(member.jsonName);
        child = null;
      }
      if (child == null) {
        if (member.required) {
          validation.push(member.pathName);
          validation.failNull(member.shape);
          validation.pop();
        }
        continue;
      }
      validation.push(member.pathName);
      member.shape.validate(child, validation);
      validation.pop();
    }
  }

  /** {@code KeyId} to {@code keyId}, as AWS names members in validation messages. */
  static String lowerCamel(String name) {
    if (name.isEmpty() || Character.isLowerCase(name.charAt(0))) {
      return name;
    }
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }
}
