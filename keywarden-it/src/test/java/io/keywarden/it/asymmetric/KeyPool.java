package io.keywarden.it.asymmetric;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;

/**
 * One KMS key per key spec and usage, created on first use and shared by the tests of a class (an
 * RSA-4096 key pair takes about a second to generate). Tests that change a key's state create their own.
 */
final class KeyPool {
  private final KmsClient kms;
  private final Map<String, KeyMetadata> keys = new ConcurrentHashMap<>();

  KeyPool(KmsClient kms) {
    this.kms = kms;
  }

  KeyMetadata get(KeySpec spec, KeyUsageType usage) {
    return keys.computeIfAbsent(spec + "/" + usage, k -> create(kms, spec, usage));
  }

  static KeyMetadata create(KmsClient kms, KeySpec spec, KeyUsageType usage) {
    return kms.createKey(r -> r.keySpec(spec).keyUsage(usage).description("asymmetric it " + spec + " " + usage))
        .keyMetadata();
  }
}
