package io.keywarden.protocol.query;

/**
 * A {@code list}. Unflattened, its elements are {@code <List>.member.<n>} in forms and {@code
 * <List><member>...</member></List>} in XML ({@code member} being the element's {@code
 * locationName} when the model gives one); flattened, they are {@code <List>.<n>} and repeated
 * {@code <List>} elements.
 */
final class WireList extends WireShape {
  private final boolean flattened;
  private final String memberLocationName;
  private WireShape member;

  /**
   * @param memberLocationName the {@code locationName} of the list's member, or {@code null}
   */
  WireList(String name, boolean flattened, String memberLocationName) {
    super(name);
    this.flattened = flattened;
    this.memberLocationName = memberLocationName;
  }

  void member(WireShape shape) {
    this.member = shape;
  }

  WireShape member() {
    return member;
  }

  boolean flattened() {
    return flattened;
  }

  /** The element name inside an unflattened list: {@code member} unless the model renames it. */
  String memberName() {
    return memberLocationName == null ? "member" : memberLocationName;
  }

  /** The member's own {@code locationName}, or {@code null}. */
  String memberLocationName() {
    return memberLocationName;
  }
}
