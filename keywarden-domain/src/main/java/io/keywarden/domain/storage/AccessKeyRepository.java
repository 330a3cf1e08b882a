package io.keywarden.domain.storage;

import io.keywarden.domain.identity.AccessKeyRecord;
import java.util.List;
import java.util.Optional;

/** Access keys (their secrets wrapped by the root of trust). */
public interface AccessKeyRepository {

  Optional<AccessKeyRecord> find(String accessKeyId);

  /** @throws DuplicateRecordException if the access key id exists */
  void insert(AccessKeyRecord key);

  /** The account's access keys, ordered by access key id. */
  List<AccessKeyRecord> list(String accountId);

  /** @return whether a key was deleted */
  boolean delete(String accessKeyId);
}
