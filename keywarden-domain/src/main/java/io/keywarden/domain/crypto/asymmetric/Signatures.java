package io.keywarden.domain.crypto.asymmetric;

import io.keywarden.domain.crypto.KeyPairMaterial;
import io.keywarden.domain.key.KeySpecs;
import io.keywarden.domain.key.SigningAlgorithm;
import java.security.GeneralSecurityException;

/**
 * Sign and Verify for asymmetric KMS keys. Callers check first (with KMS's messages) that the
 * algorithm belongs to the key's spec and the message fits the message type ({@link #checkMessage});
 * this class refuses anything else with {@link IllegalArgumentException}.
 */
public final class Signatures {
  private static final SignatureScheme RSA_PSS = new RsaPssSignatures();
  private static final SignatureScheme RSA_PKCS1 = new RsaPkcs1Signatures();
  private static final SignatureScheme ECDSA = new EcdsaSignatures();
  private static final SignatureScheme ED25519 = new Ed25519Signatures();
  private static final SignatureScheme ML_DSA = new MlDsaSignatures();

  private Signatures() {}

  public static byte[] sign(
      KeyPairMaterial key, SigningAlgorithm algorithm, MessageType type, byte[] message) {
    checkAlgorithm(key, algorithm);
    checkMessage(algorithm, type, message);
    try {
      return scheme(algorithm).sign(key, algorithm, type, message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing failed with " + algorithm, e);
    }
  }

  /** @return whether {@code signature} is valid; a malformed signature is simply not valid */
  public static boolean verify(
      KeyPairMaterial key,
      SigningAlgorithm algorithm,
      MessageType type,
      byte[] message,
      byte[] signature) {
    checkAlgorithm(key, algorithm);
    checkMessage(algorithm, type, message);
    try {
      return scheme(algorithm).verify(key, algorithm, type, message, signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Why a message does not fit its type for an algorithm, or {@code null} if it fits: DIGEST must be
   * the algorithm's hash length, EXTERNAL_MU is 64 bytes and only for ML-DSA, ED25519_SHA_512 takes
   * only RAW, ED25519_PH_SHA_512 only DIGEST.
   */
  public static MessageProblem messageProblem(SigningAlgorithm algorithm, MessageType type, byte[] message) {
    boolean mlDsa = algorithm == SigningAlgorithm.ML_DSA_SHAKE_256;
    switch (type) {
      case RAW:
        return algorithm == SigningAlgorithm.ED25519_PH_SHA_512 ? MessageProblem.TYPE : null;
      case EXTERNAL_MU:
        if (!mlDsa) {
          return MessageProblem.TYPE;
        }
        return message.length == 64 ? null : MessageProblem.LENGTH;
      case DIGEST:
        if (mlDsa || algorithm == SigningAlgorithm.ED25519_SHA_512) {
          return MessageProblem.TYPE;
        }
        return message.length == algorithm.digestLength() ? null : MessageProblem.LENGTH;
      default:
        return MessageProblem.TYPE;
    }
  }

  /** Why a message is refused. */
  public enum MessageProblem {
    /** The algorithm does not take this message type. */
    TYPE,
    /** The digest or μ has the wrong length. */
    LENGTH
  }

  static void checkMessage(SigningAlgorithm algorithm, MessageType type, byte[] message) {
    if (messageProblem(algorithm, type, message) != null) {
      throw new IllegalArgumentException("message does not fit " + type + " for " + algorithm);
    }
  }

  private static void checkAlgorithm(KeyPairMaterial key, SigningAlgorithm algorithm) {
    if (!KeySpecs.signingAlgorithms(key.spec()).contains(algorithm)) {
      throw new IllegalArgumentException(algorithm + " is not an algorithm of " + key.spec());
    }
  }

  private static SignatureScheme scheme(SigningAlgorithm algorithm) {
    switch (algorithm) {
      case RSASSA_PSS_SHA_256:
      case RSASSA_PSS_SHA_384:
      case RSASSA_PSS_SHA_512:
        return RSA_PSS;
      case RSASSA_PKCS1_V1_5_SHA_256:
      case RSASSA_PKCS1_V1_5_SHA_384:
      case RSASSA_PKCS1_V1_5_SHA_512:
        return RSA_PKCS1;
      case ECDSA_SHA_256:
      case ECDSA_SHA_384:
      case ECDSA_SHA_512:
        return ECDSA;
      case ED25519_SHA_512:
      case ED25519_PH_SHA_512:
        return ED25519;
      case ML_DSA_SHAKE_256:
        return ML_DSA;
      default:
        throw new IllegalArgumentException(algorithm + " is not supported");
    }
  }
}
