package io.keywarden.server.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code keywarden explain}'s readable form of an ExplainKeyAccess answer. */
final class ExplanationText {
  private ExplanationText() {}

  /**
   * The decision line, the outcome, the denial message, the grant, then one line per statement or
   * grant that applied, in evaluation order.
   */
  static String render(JsonNode out) {
    StringBuilder b = new StringBuilder();
    String decision = out.path("Decision").asText();
    b.append(decision.toUpperCase(java.util.Locale.ROOT)).append(": ")
        .append(out.path("EvaluatedPrincipal").asText())
        .append(decision.equals("Allowed") ? " may perform " : " may not perform ")
        .append(out.path("Action").asText())
        .append(" on ").append(out.has("KeyArn") ? out.get("KeyArn").asText() : "*").append('\n');
    b.append("Outcome: ").append(out.path("Outcome").asText()).append('\n');
    if (out.hasNonNull("Message")) {
      b.append("Message: ").append(out.get("Message").asText()).append('\n');
    }
    if (out.hasNonNull("GrantId")) {
      b.append("Grant:   ").append(out.get("GrantId").asText()).append('\n');
    }
    b.append("Basis:\n");
    JsonNode basis = out.path("Basis");
    if (basis.isEmpty()) {
      b.append("  (no statement or grant applies)\n");
    }
    for (JsonNode line : basis) {
      b.append("  ").append(pad(line.path("Effect").asText(), 5)).append(' ')
          .append(line.path("Source").asText());
      if (line.has("StatementIndex")) {
        b.append(", statement ").append(line.get("StatementIndex").asInt());
      }
      if (line.hasNonNull("Sid")) {
        b.append(" (Sid \"").append(line.get("Sid").asText()).append("\")");
      }
      if (line.hasNonNull("Note")) {
        b.append(": ").append(line.get("Note").asText());
      }
      b.append('\n');
    }
    return b.toString();
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
