package io.keywarden.services.secrets.rotation;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Secrets Manager calls a managed rotator makes, as AWS's rotation templates make them through
 * the SDK: in-process, on the secret's account, audited. Every method takes the secret's ARN.
 */
public interface RotationSecrets {
  /**
   * GetSecretValue's SecretString for a version ID and/or staging label; empty if there is no such
   * version or label ({@code ResourceNotFoundException}).
   */
  Optional<String> secretString(String secretArn, String versionId, String stage)
      throws RotationFailedException;

  /** PutSecretValue with {@code ClientRequestToken = token} and {@code VersionStages = [AWSPENDING]}. */
  void putPending(String secretArn, String token, String secretString) throws RotationFailedException;

  /** DescribeSecret's {@code VersionIdsToStages}. */
  Map<String, List<String>> versionStages(String secretArn) throws RotationFailedException;

  /**
   * UpdateSecretVersionStage moving {@code AWSCURRENT} to {@code toVersionId} from {@code
   * fromVersionId} (AWSPREVIOUS follows as AWS moves it).
   */
  void promote(String secretArn, String toVersionId, String fromVersionId) throws RotationFailedException;

  /**
   * GetRandomPassword with the template's defaults (32 characters, every class) excluding {@code
   * excludeCharacters}.
   */
  String randomPassword(String excludeCharacters) throws RotationFailedException;
}
