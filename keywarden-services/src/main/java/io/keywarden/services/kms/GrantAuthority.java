package io.keywarden.services.kms;

import io.keywarden.domain.identity.Principal;
import io.keywarden.domain.key.Grant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The grants side of key authorisation: whether a grant on the key allows a principal one operation.
 * Implementations keep each key's grants indexed in memory (no storage read per request).
 */
public interface GrantAuthority {

  /**
   * The grant that allows {@code principal} to call {@code operation} (a grant operation name such as
   * {@code Decrypt}, {@code GenerateDataKey}, {@code CreateGrant}) on {@code key}, honouring its
   * constraints against {@code encryptionContext} ({@code null} for operations without one); empty if
   * no grant allows it.
   *
   * <p>A grant to a role applies to its sessions; a grant to an account applies to the account's
   * principals, subject to {@link #delegatesToAccount}. When several grants apply, one naming the caller
   * (or its role) is returned before one naming its account.
   *
   * @param encryptionContext the request's encryption context (empty or {@code null} if it has none);
   *     constraints apply only to operations that take one
   * @param grantTokens the request's {@code GrantTokens}: grants created so recently that they might
   *     not yet be visible everywhere are usable through their token
   * @throws io.keywarden.services.api.ApiException InvalidGrantTokenException for a malformed token
   */
  Optional<Grant> allowing(Principal principal, LoadedKey key, String operation,
      Map<String, String> encryptionContext, List<String> grantTokens);

  /**
   * Checks that each of a request's {@code GrantTokens} is a grant token this installation issued,
   * whether or not a grant is needed to authorise the request (AWS answers a malformed token with
   * InvalidGrantTokenException).
   *
   * @throws io.keywarden.services.api.ApiException InvalidGrantTokenException
   */
  default void validateTokens(List<String> grantTokens) {}

  /**
   * Whether {@code grant} applies to {@code principal} only as a member of the grantee account: the
   * grantee is {@code arn:aws:iam::<account>:root} and the caller is another principal of that account.
   * As with a key policy statement that names the account, such a caller also needs its identity (IAM)
   * policies to allow the action.
   */
  static boolean delegatesToAccount(Grant grant, Principal principal) {
    return !grant.granteePrincipal().equals(principal.arn())
        && grant.granteePrincipal().equals(Principal.rootArn(principal.accountId()));
  }

  /** No grants at all. */
  GrantAuthority NONE = (principal, key, operation, encryptionContext, grantTokens) -> Optional.empty();
}
