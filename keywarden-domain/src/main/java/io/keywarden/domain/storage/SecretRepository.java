package io.keywarden.domain.storage;

import io.keywarden.domain.secret.SecretRecord;
import java.util.List;
import java.util.Optional;

/**
 * Secrets Manager's secrets, each stored whole with its versions. Names are unique in an account and
 * region; ARNs are unique everywhere.
 */
public interface SecretRepository {

  Optional<SecretRecord> find(String arn);

  Optional<SecretRecord> findByName(String accountId, String region, String name);

  /**
   * Stores a secret by compare-and-swap: revision 1 inserts it, any other revision {@code n} replaces
   * the stored revision {@code n - 1}.
   *
   * @throws DuplicateRecordException if a new secret's ARN, or its name in its account and region, is
   *     taken
   * @throws StaleRecordException if the stored revision is not the one before
   */
  void put(SecretRecord secret);

  /** @return whether a secret was deleted */
  boolean delete(String arn);

  /** The secrets of an account in a region, in name order. */
  List<SecretRecord> list(String accountId, String region);

  /**
   * Every secret marked for deletion (with a {@link SecretRecord#deletedDate()}), in every account and
   * region, in no particular order: what the purge job looks at. Few in practice; the caller picks
   * those whose date has passed.
   */
  List<SecretRecord> markedForDeletion();

  /**
   * The secrets of every account and region that were ever configured for rotation ({@link
   * SecretRecord#rotation()} not {@code null}), in no particular order: what the rotation scheduler
   * looks through.
   */
  List<SecretRecord> listWithRotation();
}
