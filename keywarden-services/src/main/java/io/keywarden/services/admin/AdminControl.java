package io.keywarden.services.admin;

import io.keywarden.domain.trust.UnsealException;

/** The operations behind {@code /_keywarden/...}. */
public interface AdminControl {

  /** Whether the server is sealed, and whether it runs in dev mode. */
  Health health();

  /** Unseals with the passphrase; a no-op if already unsealed. */
  void unseal(char[] passphrase) throws UnsealException;

  /** Whether {@link #reset()} is allowed (dev mode only). */
  boolean resetAllowed();

  /** Wipes all keys, aliases and credentials (dev mode only) and re-applies the seed file, if any. */
  void reset();

  /** Health as {@code GET /_keywarden/health} reports it. */
  record Health(boolean sealed, boolean dev, String version) {
    public String status() {
      return sealed ? "sealed" : "ready";
    }
  }
}
