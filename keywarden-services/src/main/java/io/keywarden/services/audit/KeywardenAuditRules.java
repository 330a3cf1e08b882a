package io.keywarden.services.audit;

import static io.keywarden.services.audit.OperationRule.of;

import java.util.List;

/**
 * What the record of a call to Keywarden's own routes ({@code /_keywarden/...}, event source {@code
 * keywarden}) carries: whether it changes state, and nothing of its request or response — never the
 * unseal passphrase.
 */
final class KeywardenAuditRules {
  private KeywardenAuditRules() {}

  static List<OperationRule> rules() {
    return List.of(of("GetHealth", true), of("Unseal", false), of("Reset", false));
  }
}
