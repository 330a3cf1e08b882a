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
   * @param grantTokens the request's {@code GrantTokens}: grants created so recently that they might
   *     not yet be visible everywhere are usable through their token
   */
  Optional<Grant> allowing(Principal principal, LoadedKey key, String operation,
      Map<String, String> encryptionContext, List<String> grantTokens);

  /** No grants at all. */
  GrantAuthority NONE = (principal, key, operation, encryptionContext, grantTokens) -> Optional.empty();
}
