package io.keywarden.services.api;

import java.util.Map;

/**
 * One AWS service as Keywarden speaks it.
 *
 * <p>The protocol layer loads the service's model ({@code /aws-models/<modelName>/service-2.json} on
 * the classpath), routes {@code X-Amz-Target: <targetPrefix>.<Operation>} to {@link #operations()},
 * validates input against the model, and answers operations that the model has but this service does
 * not implement with {@link #notImplemented(String)}.
 */
public interface ApiService {

  /** The model's folder name, e.g. {@code kms}. */
  String modelName();

  /** The SigV4 service name of the credential scope, e.g. {@code kms}. */
  String signingName();

  /** The JSON protocol's target prefix, e.g. {@code TrentService}. */
  String targetPrefix();

  /** The implemented operations, by model name. */
  Map<String, OperationBinding> operations();

  /** The AWS-shaped error for an operation of the model that is not implemented. */
  ApiException notImplemented(String operation);

  /**
   * Whether the protocol layer checks the model's constraints (lengths, ranges, patterns, enum values,
   * required members) and answers violations with {@code ValidationException}, as most AWS services
   * do. A service whose model has no {@code ValidationException} (CloudTrail, which answers with its
   * own {@code InvalidMaxResultsException}, {@code InvalidLookupAttributesException}...) returns
   * {@code false}: the protocol layer then checks only JSON types, and the operations check the rest.
   */
  default boolean checksModelConstraints() {
    return true;
  }

  /** The wire protocol of the service's model. */
  default WireProtocol protocol() {
    return WireProtocol.JSON;
  }

  /** The AWS wire protocols Keywarden speaks. */
  enum WireProtocol {
    /** AWS JSON 1.1: {@code X-Amz-Target}, JSON bodies (KMS, Secrets Manager, SSM, CloudTrail). */
    JSON,
    /** AWS Query: form-encoded {@code Action=...&Version=...}, XML responses (STS, IAM). */
    QUERY
  }
}
