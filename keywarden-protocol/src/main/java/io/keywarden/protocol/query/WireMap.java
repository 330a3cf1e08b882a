package io.keywarden.protocol.query;

/**
 * A {@code map}. Unflattened, its entries are {@code <Map>.entry.<n>.key} / {@code .value} in forms
 * and {@code <Map><entry><key/><value/></entry></Map>} in XML; flattened, {@code <Map>.<n>.key} and
 * repeated {@code <Map><key/><value/></Map>}. {@code key} and {@code value} follow the
 * {@code locationName}s of the model when it gives them.
 */
final class WireMap extends WireShape {
  private final boolean flattened;
  private final String keyName;
  private final String valueName;
  private WireShape key;
  private WireShape value;

  WireMap(String name, boolean flattened, String keyName, String valueName) {
    super(name);
    this.flattened = flattened;
    this.keyName = keyName == null ? "key" : keyName;
    this.valueName = valueName == null ? "value" : valueName;
  }

  void entries(WireShape keyShape, WireShape valueShape) {
    this.key = keyShape;
    this.value = valueShape;
  }

  WireShape key() {
    return key;
  }

  WireShape value() {
    return value;
  }

  boolean flattened() {
    return flattened;
  }

  String keyName() {
    return keyName;
  }

  String valueName() {
    return valueName;
  }
}
