package io.keywarden.domain.key;

/** MAC algorithms, as the {@code MacAlgorithmSpec} enum of the KMS model. */
public enum MacAlgorithm {
  HMAC_SHA_224("HmacSHA224"),
  HMAC_SHA_256("HmacSHA256"),
  HMAC_SHA_384("HmacSHA384"),
  HMAC_SHA_512("HmacSHA512");

  private final String jcaName;

  MacAlgorithm(String jcaName) {
    this.jcaName = jcaName;
  }

  public String jcaName() {
    return jcaName;
  }
}
