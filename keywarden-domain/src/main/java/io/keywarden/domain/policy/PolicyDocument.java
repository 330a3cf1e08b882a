package io.keywarden.domain.policy;

import java.util.List;
import java.util.Objects;

/**
 * A parsed policy document.
 *
 * @param version {@code 2012-10-17} (policy variables are substituted) or {@code 2008-10-17} (they are
 *     not); {@code null} counts as 2008-10-17, as AWS does
 * @param id the optional {@code Id}
 */
public record PolicyDocument(String version, String id, List<Statement> statements) {
  public static final String VERSION_2012 = "2012-10-17";

  public PolicyDocument {
    statements = List.copyOf(statements);
  }

  public boolean variablesEnabled() {
    return VERSION_2012.equals(version);
  }

  /** A document's statements with their positions, for explanations. */
  public Statement statement(int index) {
    return statements.get(Objects.checkIndex(index, statements.size()));
  }
}
