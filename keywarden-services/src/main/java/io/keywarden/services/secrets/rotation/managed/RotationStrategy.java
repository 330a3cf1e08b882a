package io.keywarden.services.secrets.rotation.managed;

import io.keywarden.services.secrets.rotation.RotationFailedException;

/** AWS's two rotation strategies for database credentials. */
public enum RotationStrategy {
  /**
   * The user changes its own password (templates {@code ...RotationSingleUser}): the old password
   * stops working at once.
   */
  SINGLE_USER,
  /**
   * The master secret ({@code masterarn}) administers two users, {@code <user>} and {@code
   * <user>_clone}, and each rotation sets a new password on the one not current (templates {@code
   * ...RotationMultiUser}): the previous credentials keep working until the next rotation.
   */
  ALTERNATING_USERS;

  private static final String CLONE_SUFFIX = "_clone";

  /** The user name of the new version: the same user, or the other of the pair. */
  String pendingUsername(String currentUsername, DatabaseDialect dialect) throws RotationFailedException {
    if (this == SINGLE_USER) {
      return currentUsername;
    }
    return alternate(currentUsername, dialect);
  }

  /** The templates' {@code get_alt_username}: drops {@code _clone}, or appends it within the server's limit. */
  static String alternate(String username, DatabaseDialect dialect) throws RotationFailedException {
    if (username.endsWith(CLONE_SUFFIX)) {
      return username.substring(0, username.length() - CLONE_SUFFIX.length());
    }
    String clone = username + CLONE_SUFFIX;
    if (clone.length() > dialect.maxUsernameLength()) {
      throw new RotationFailedException("Unable to clone user, username length with _clone appended would exceed "
          + dialect.maxUsernameLength() + " characters");
    }
    return clone;
  }
}
