package io.keywarden.domain.key;

/** Who manages a key: the customer, or the service ({@code alias/aws/...} keys). */
public enum KeyManager {
  AWS,
  CUSTOMER
}
