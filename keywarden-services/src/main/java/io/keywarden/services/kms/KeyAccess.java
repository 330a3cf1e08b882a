package io.keywarden.services.kms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.crypto.EncryptionContext;
import io.keywarden.services.api.JsonInput;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an operation asks of a key, for its authorisation: the KMS action ({@code Encrypt}; also the
 * grant operation that may allow it), the request's own condition keys ({@code kms:EncryptionAlgorithm},
 * {@code kms:EncryptionContext:*}...), and the request's grant tokens. Built per request by the
 * operation; {@link KmsCore#resolve} adds {@code kms:RequestAlias}.
 */
final class KeyAccess {
  /**
   * The KMS actions that a grant allows through the authorizer: AWS's GrantOperation values except
   * CreateGrant and RetireGrant, whose grants the grant operations weigh themselves (a CreateGrant
   * grant allows only narrower grants; RetireGrant has its own rules of who may retire).
   */
  private static final java.util.Set<String> GRANT_OPERATIONS =
      java.util.Set.of(
          "Decrypt", "Encrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "ReEncryptFrom",
          "ReEncryptTo", "Sign", "Verify", "GetPublicKey", "DescribeKey", "GenerateDataKeyPair",
          "GenerateDataKeyPairWithoutPlaintext", "GenerateMac", "VerifyMac", "DeriveSharedSecret");

  /**
   * The actions that may use a key of another account ("Cross-account use: Yes" in the KMS permissions
   * reference); the others need a key of the caller's own account, whatever its policy says.
   */
  private static final java.util.Set<String> CROSS_ACCOUNT =
      java.util.Set.of(
          "CreateGrant", "Decrypt", "DeriveSharedSecret", "DescribeKey", "Encrypt", "GenerateDataKey",
          "GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext", "GenerateDataKeyWithoutPlaintext",
          "GenerateMac", "GetKeyRotationStatus", "GetPublicKey", "ListGrants", "ReEncryptFrom",
          "ReEncryptTo", "RetireGrant", "RevokeGrant", "Sign", "Verify", "VerifyMac");

  /** IAM action names ({@code kms:Encrypt}) by operation, built once. */
  private static final java.util.concurrent.ConcurrentHashMap<String, String> IAM_ACTIONS =
      new java.util.concurrent.ConcurrentHashMap<>();

  final String action;
  private Map<String, List<String>> keys;
  private EncryptionContext encryptionContext;
  private List<String> grantTokens = List.of();
  private String requestAlias;

  private KeyAccess(String action) {
    this.action = action;
  }

  /** Access for {@code action} (without the {@code kms:} prefix). */
  static KeyAccess to(String action) {
    return new KeyAccess(action);
  }

  /** Sets a request condition key ({@code null} leaves it absent). */
  KeyAccess put(String key, String value) {
    if (value != null) {
      putAll(key, List.of(value));
    }
    return this;
  }

  /** Sets a multivalued request condition key. */
  KeyAccess putAll(String key, List<String> values) {
    if (keys == null) {
      keys = new HashMap<>(8);
    }
    keys.put(key.toLowerCase(Locale.ROOT), values);
    return this;
  }

  /** {@code aws:RequestTag/*} and {@code aws:TagKeys} of a request that sets tags. */
  KeyAccess requestTags(List<io.keywarden.domain.key.Tag> tags) {
    List<String> names = new java.util.ArrayList<>(tags.size());
    for (io.keywarden.domain.key.Tag t : tags) {
      put("aws:RequestTag/" + t.key(), t.value());
      names.add(t.key());
    }
    return putAll("aws:TagKeys", names);
  }

  /** The encryption context, for {@code kms:EncryptionContext:*}, {@code kms:EncryptionContextKeys} and grant constraints. */
  KeyAccess encryptionContext(EncryptionContext context) {
    this.encryptionContext = context;
    return this;
  }

  /** The request's {@code GrantTokens}. */
  KeyAccess grantTokens(ObjectNode in) {
    this.grantTokens = JsonInput.stringList(in, "GrantTokens");
    return this;
  }

  /** Grant tokens given as a list (explanations). */
  KeyAccess grantTokens(List<String> tokens) {
    this.grantTokens = List.copyOf(tokens);
    return this;
  }

  KeyAccess requestAlias(String aliasName) {
    this.requestAlias = aliasName;
    return this;
  }

  /** A request key put by the operation, or {@code null}. */
  List<String> requestKey(String lowerCaseKey) {
    return keys == null ? null : keys.get(lowerCaseKey);
  }

  EncryptionContext encryptionContext() {
    return encryptionContext;
  }

  /** The context as a map for grant constraints; {@code null} for operations without one. */
  Map<String, String> encryptionContextMap() {
    return encryptionContext == null ? null : encryptionContext.entries();
  }

  List<String> grantTokens() {
    return grantTokens;
  }

  String requestAlias() {
    return requestAlias;
  }

  /** The IAM action, {@code kms:<action>}. */
  String iamAction() {
    String known = IAM_ACTIONS.get(action);
    if (known != null) {
      return known;
    }
    String iam = "kms:" + action;
    if (IAM_ACTIONS.size() < 128) { // the operations' own names; explain's may be any
      IAM_ACTIONS.putIfAbsent(action, iam);
    }
    return iam;
  }

  /** Whether this action may use a key of another account. */
  boolean crossAccount() {
    return CROSS_ACCOUNT.contains(action);
  }

  /** Whether a grant can allow this action. */
  boolean grantable() {
    return GRANT_OPERATIONS.contains(action);
  }
}
