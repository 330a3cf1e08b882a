package io.keywarden.services.kms;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link KmsService#explain} is asked: may the call's principal perform {@code action} on a key,
 * with this request's encryption context, condition keys and grant tokens?
 *
 * @param keyId a key id, key ARN, alias name or alias ARN, as a request would name the key; {@code
 *     null} for actions without a key resource (CreateKey, ListKeys, ListAliases, GenerateRandom),
 *     which IAM policies alone decide
 * @param action {@code kms:Encrypt} or {@code Encrypt}
 * @param encryptionContext the request's encryption context (empty: none)
 * @param conditionKeys further request condition keys (e.g. {@code kms:EncryptionAlgorithm}), each
 *     with one or more values; they take precedence over the keys Keywarden computes
 * @param grantTokens the request's grant tokens (empty: none)
 */
public record AccessQuestion(
    String keyId,
    String action,
    Map<String, String> encryptionContext,
    Map<String, List<String>> conditionKeys,
    List<String> grantTokens) {
  public AccessQuestion {
    Objects.requireNonNull(action, "action");
    encryptionContext = Map.copyOf(encryptionContext);
    conditionKeys = Map.copyOf(conditionKeys);
    grantTokens = List.copyOf(grantTokens);
  }

  /** The action's name without the {@code kms:} prefix ({@code Encrypt}). */
  public String operation() {
    return action.startsWith("kms:") ? action.substring(4) : action;
  }
}
