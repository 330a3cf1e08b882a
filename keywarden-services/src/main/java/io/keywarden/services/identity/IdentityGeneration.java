package io.keywarden.services.identity;

import io.keywarden.domain.storage.SettingsRepository;
import java.security.SecureRandom;

/**
 * A marker in settings that every change to users, roles or access keys replaces with a fresh random
 * value, so that every process on the same database can tell, with one small read, that its
 * in-memory identities are stale.
 *
 * <p>A random value rather than a counter: two processes that change identities at once both write a
 * value nobody has seen, and a reader that loads the identities after reading the marker is stale
 * only until the next check (it never misses a change: a change is stored before its marker).
 */
public final class IdentityGeneration {
  /** The setting's name. */
  public static final String SETTING = "iam.generation";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] NONE = new byte[0];

  private IdentityGeneration() {}

  /** Marks identities as changed; call after the change is stored. */
  public static void bump(SettingsRepository settings) {
    byte[] marker = new byte[16];
    RANDOM.nextBytes(marker);
    settings.put(SETTING, marker);
  }

  /** The current marker; empty before the first change. */
  public static byte[] current(SettingsRepository settings) {
    return settings.get(SETTING).orElse(NONE);
  }
}
