package io.keywarden.storage.codec;

import io.keywarden.domain.key.Grant;
import java.util.Comparator;

/**
 * The queried column a SQL backend stores beside a grant's document, and the listing orders of {@link
 * io.keywarden.domain.storage.GrantRepository} that every backend applies the same way.
 *
 * <p>The {@code creation_date} column holds {@link StoredInstants#floorMillis} of the creation date: an
 * index in that order returns a key's grants nearly sorted, and {@link #BY_CREATION} then orders those
 * created within the same millisecond exactly.
 */
public final class GrantColumns {
  /** {@code listForKey}: creation date (to the nanosecond), then grant id. */
  public static final Comparator<Grant> BY_CREATION =
      Comparator.comparing(Grant::creationDate).thenComparing(Grant::grantId);

  /** {@code listRetirable}: grant id, then region (the same id may exist in two regions). */
  public static final Comparator<Grant> BY_GRANT_ID =
      Comparator.comparing(Grant::grantId).thenComparing(Grant::region);

  private GrantColumns() {}

  /** The {@code creation_date} column: epoch milliseconds, rounded down. */
  public static long creationDate(Grant grant) {
    return StoredInstants.floorMillis(grant.creationDate());
  }
}
