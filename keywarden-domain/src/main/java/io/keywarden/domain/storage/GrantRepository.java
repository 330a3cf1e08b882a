package io.keywarden.domain.storage;

import io.keywarden.domain.key.Grant;
import java.util.List;
import java.util.Optional;

/**
 * KMS grants, by region and grant id. Deleting a key deletes its grants in the same transaction
 * ({@link KeyRepository#delete}).
 */
public interface GrantRepository {

  /** @throws DuplicateRecordException if the grant id exists */
  void insert(Grant grant);

  Optional<Grant> find(String region, String grantId);

  /** A key's grants, ordered by creation date, then grant id. */
  List<Grant> listForKey(String region, String keyId);

  /** Grants whose retiring principal is {@code retiringPrincipal}, in any region, ordered by grant id. */
  List<Grant> listRetirable(String retiringPrincipal);

  /** @return whether a grant was deleted */
  boolean delete(String region, String grantId);
}
