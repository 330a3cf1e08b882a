package io.keywarden.protocol.query;

/**
 * A shape of a Query model as the wire sees it: how it is named and nested in forms and in XML.
 * Constraints are not here: the JSON layer's validator checks them once the form is decoded.
 */
abstract sealed class WireShape permits WireStructure, WireList, WireMap, WireScalar {
  private final String name;

  WireShape(String name) {
    this.name = name;
  }

  /** The shape's name in the model. */
  final String name() {
    return name;
  }
}
