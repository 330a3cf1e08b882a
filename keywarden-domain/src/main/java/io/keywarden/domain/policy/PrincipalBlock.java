package io.keywarden.domain.policy;

import java.util.List;
import java.util.Map;

/**
 * A {@code Principal} or {@code NotPrincipal} element: {@code "*"}, or principals by type
 * ({@code AWS}: account ids, root / user / role / assumed-role ARNs, or {@code *}; {@code Service}:
 * service principal names; {@code Federated}, {@code CanonicalUser}).
 */
public record PrincipalBlock(boolean wildcard, Map<String, List<String>> byType) {
  public PrincipalBlock {
    byType = Map.copyOf(byType);
  }

  public static PrincipalBlock anyone() {
    return new PrincipalBlock(true, Map.of());
  }

  public List<String> of(String type) {
    return byType.getOrDefault(type, List.of());
  }
}
