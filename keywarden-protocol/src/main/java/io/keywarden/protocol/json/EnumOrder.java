package io.keywarden.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The order in which {@code Member must satisfy enum value set: [...]} lists an enum's values.
 *
 * <p>AWS lists them in an order that follows neither the model nor any sorting (it is a hash order
 * of AWS's own service code). By default this layer uses the model's order. Where a real AWS message
 * was recorded, {@code /aws-models/<service>/keywarden-enum-order.json} maps the enum shape's name to
 * the order AWS printed; values the recording does not know (added to the model since) follow in
 * model order. Keys starting with {@code _} are comments.
 */
final class EnumOrder {
  static final EnumOrder MODEL = new EnumOrder(null);

  private final JsonNode overrides;

  private EnumOrder(JsonNode overrides) {
    this.overrides = overrides;
  }

  static EnumOrder of(JsonNode overrides) {
    return overrides == null ? MODEL : new EnumOrder(overrides);
  }

  List<String> order(String shapeName, List<String> modelOrder) {
    JsonNode recorded = overrides == null ? null : overrides.get(shapeName);
    if (recorded == null || !recorded.isArray()) {
      return modelOrder;
    }
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode value : recorded) {
      if (modelOrder.contains(value.asText())) {
        out.add(value.asText());
      }
    }
    out.addAll(modelOrder);
    return new ArrayList<>(out);
  }
}
