package io.keywarden.domain.policy;

import java.util.List;
import java.util.Objects;

/**
 * One statement. Exactly one of each pair is set: {@code actions}/{@code notActions},
 * {@code resources}/{@code notResources} (both {@code null} in a resource policy without a Resource
 * element is refused by the parser); {@code principal} or {@code notPrincipal} may both be {@code null}
 * (identity policies).
 *
 * @param index the statement's position in its document (0-based)
 */
public record Statement(
    int index,
    String sid,
    Effect effect,
    PrincipalBlock principal,
    PrincipalBlock notPrincipal,
    List<String> actions,
    List<String> notActions,
    List<String> resources,
    List<String> notResources,
    List<Condition> conditions) {

  public Statement {
    Objects.requireNonNull(effect, "effect");
    actions = actions == null ? null : List.copyOf(actions);
    notActions = notActions == null ? null : List.copyOf(notActions);
    resources = resources == null ? null : List.copyOf(resources);
    notResources = notResources == null ? null : List.copyOf(notResources);
    conditions = List.copyOf(conditions);
  }
}
