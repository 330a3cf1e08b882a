package io.keywarden.protocol.sigv4;

import io.keywarden.services.identity.SigningCredential;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Derived SigV4 signing keys by credential scope ({@code <akid>/<date>/<region>/<service>/
 * aws4_request}), so that the four-HMAC derivation runs once per key, day, region and service.
 *
 * <p>An entry is used only for the very {@link SigningCredential} instance it was derived from: a
 * rotated or re-created credential (a new instance) derives afresh. Bounded: when full, the cache
 * is emptied (entries are cheap to rebuild, and a day's scopes are few).
 */
final class SigningKeyCache {
  private final int capacity;
  private final ConcurrentHashMap<String, Entry> entries;

  /** Holds derived key material: no {@code toString}. */
  private static final class Entry {
    final SigningCredential credential;
    final byte[] key;

    Entry(SigningCredential credential, byte[] key) {
      this.credential = credential;
      this.key = key;
    }
  }

  SigningKeyCache(int capacity) {
    this.capacity = capacity;
    this.entries = new ConcurrentHashMap<>(Math.min(capacity, 1024));
  }

  byte[] signingKey(AuthorizationHeader auth, SigningCredential credential) {
    Entry entry = entries.get(auth.credential);
    if (entry != null && entry.credential == credential) {
      return entry.key;
    }
    byte[] key = credential.sigV4SigningKey(auth.date, auth.region, auth.service);
    if (entries.size() >= capacity) {
      entries.clear();
    }
    entries.put(auth.credential, new Entry(credential, key));
    return key;
  }

  int size() {
    return entries.size();
  }
}
