package io.keywarden.domain.crypto;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The JCA providers Keywarden uses beyond the JDK's: Bouncy Castle, as an instance passed to each
 * {@code getInstance} call (never registered globally), for secp256k1, ML-DSA and the raw
 * (pre-hashed) RSA-PSS and ECDSA variants the JDK lacks.
 */
public final class CryptoProviders {
  private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

  private CryptoProviders() {}

  public static Provider bouncyCastle() {
    return BOUNCY_CASTLE;
  }
}
