package io.keywarden.domain.crypto.asymmetric;

import io.keywarden.domain.crypto.KeyPairMaterial;
import io.keywarden.domain.key.SigningAlgorithm;
import java.security.GeneralSecurityException;

/** One family of signature algorithms. */
interface SignatureScheme {
  byte[] sign(KeyPairMaterial key, SigningAlgorithm algorithm, MessageType type, byte[] message)
      throws GeneralSecurityException;

  boolean verify(
      KeyPairMaterial key,
      SigningAlgorithm algorithm,
      MessageType type,
      byte[] message,
      byte[] signature)
      throws GeneralSecurityException;
}
