package io.keywarden.domain.storage;

import io.keywarden.domain.key.KeyRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** KMS keys. A key is identified by its region and key id (key ids are unique within a region). */
public interface KeyRepository {

  Optional<KeyRecord> find(String region, String keyId);

  /** @throws DuplicateRecordException if the region already holds the key id */
  void insert(KeyRecord key);

  /**
   * Replaces the stored record whose revision is {@code next.revision() - 1}.
   *
   * @throws StaleRecordException if the stored revision differs, or the key is gone
   */
  void update(KeyRecord next);

  /** Deletes the key and, atomically with it, every alias that points at it and every grant on it. */
  void delete(String region, String keyId);

  /**
   * The account's keys in the region, ordered by key id, starting after {@code afterKeyId} (exclusive;
   * {@code null} for the first page), at most {@code limit}.
   */
  List<KeyRecord> list(String accountId, String region, String afterKeyId, int limit);

  /**
   * Keys with background work due at {@code now}: a deletion date or a next automatic rotation at or
   * before it. Any region, any account.
   */
  List<KeyRecord> dueForWork(Instant now);
}
