package io.keywarden.domain.policy;

/**
 * A statement that applies to a request: its position, Sid and effect, and how its principal matched.
 */
public record StatementMatch(int index, String sid, Effect effect, PrincipalMatch principal) {

  /** {@code Statement[2]} or {@code Statement[2] (Sid "Allow use")}: for explanations. */
  public String describe() {
    return "Statement[" + index + "]" + (sid == null || sid.isEmpty() ? "" : " (Sid \"" + sid + "\")");
  }
}
