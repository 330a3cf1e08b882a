package io.keywarden.services.identity.declared;

import io.keywarden.services.identity.IssuedAccessKey;
import java.util.List;

/**
 * What applying an identities file changed, one line per change ({@code + user 111122223333/alice},
 * {@code ~ role 111122223333/app: trust policy}, {@code - user 111122223333/bob}), and the access keys
 * it issued, whose secrets are shown once and then destroyed by the caller.
 */
public record ApplyResult(List<String> changes, List<Issued> issued) {
  public ApplyResult {
    changes = List.copyOf(changes);
    issued = List.copyOf(issued);
  }

  /** An access key issued for a user. */
  public record Issued(String accountId, String userName, IssuedAccessKey key) {}

  public boolean changed() {
    return !changes.isEmpty();
  }
}
