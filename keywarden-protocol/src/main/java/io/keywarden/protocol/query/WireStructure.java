package io.keywarden.protocol.query;

import java.util.List;

/** A {@code structure}: its members in model order. */
final class WireStructure extends WireShape {

  /**
   * One member.
   *
   * @param name the member's name in the model, and in the JSON object services see
   * @param wireName the name in forms and XML: the member's {@code locationName}, else its name
   * @param shape the member's shape
   */
  record Member(String name, String wireName, WireShape shape) {}

  private List<Member> members = List.of();

  WireStructure(String name) {
    super(name);
  }

  /** Sets the members once compiled (structures may refer to themselves). */
  void members(List<Member> compiled) {
    this.members = List.copyOf(compiled);
  }

  List<Member> members() {
    return members;
  }
}
