package io.keywarden.services.kms;

import io.keywarden.domain.identity.Principal;
import io.keywarden.domain.key.Grant;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test-only {@link GrantAuthority}: grants the test adds, matched by grantee ARN (or the session's
 * role ARN), operation and an EncryptionContextSubset constraint.
 */
final class TestGrants implements GrantAuthority {
  private final List<Grant> grants = new CopyOnWriteArrayList<>();

  Grant add(String keyId, String grantee, List<String> operations, Map<String, String> subset) {
    Grant g =
        new Grant(
            String.format("%064x", grants.size() + 1),
            KmsHarness.REGION,
            keyId,
            KmsHarness.ACCOUNT,
            null,
            grantee,
            null,
            operations,
            null,
            subset,
            Principal.rootArn(KmsHarness.ACCOUNT),
            Instant.EPOCH);
    grants.add(g);
    return g;
  }

  @Override
  public Optional<Grant> allowing(
      Principal principal,
      LoadedKey key,
      String operation,
      Map<String, String> encryptionContext,
      List<String> grantTokens) {
    for (Grant g : grants) {
      boolean grantee =
          g.granteePrincipal().equals(principal.arn())
              || g.granteePrincipal().equals(principal.roleArn())
              || g.granteePrincipal().equals(Principal.rootArn(principal.accountId()));
      boolean constraint =
          g.encryptionContextSubset() == null
              || (encryptionContext != null
                  && encryptionContext.entrySet().containsAll(g.encryptionContextSubset().entrySet()));
      if (g.keyId().equals(key.record().keyId())
          && grantee
          && g.operations().contains(operation)
          && constraint) {
        return Optional.of(g);
      }
    }
    return Optional.empty();
  }
}
