package io.keywarden.domain.crypto.asymmetric;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Signature;
import java.util.HashMap;
import java.util.Map;

/** Per-thread JCA {@link Signature} objects, so that the hot path does not look up providers. */
final class JcaCache {
  private static final ThreadLocal<Map<String, Signature>> SIGNATURES =
      ThreadLocal.withInitial(HashMap::new);

  private JcaCache() {}

  /** @param provider {@code null} for the JDK's preferred provider */
  static Signature signature(String algorithm, Provider provider) throws GeneralSecurityException {
    String key = provider == null ? algorithm : algorithm + "@" + provider.getName();
    Map<String, Signature> cache = SIGNATURES.get();
    Signature s = cache.get(key);
    if (s == null) {
      s = provider == null ? Signature.getInstance(algorithm) : Signature.getInstance(algorithm, provider);
      cache.put(key, s);
    }
    return s;
  }
}
