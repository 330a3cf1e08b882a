package io.keywarden.services.audit;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the audit record of one operation carries: the request members it records, the response it
 * records, and whether the operation only reads. Built with {@link #of}; see {@link KmsAuditRules}
 * for the rules of each KMS operation and the AWS documentation they follow.
 *
 * @param operation the model's operation name
 * @param readOnly the record's {@code readOnly}
 * @param request the request members recorded in {@code requestParameters}
 * @param requestDefaults members recorded with a default value when the request leaves them out
 *     (AWS records Decrypt's {@code encryptionAlgorithm} even when the request did not name one)
 * @param response how {@code responseElements} is made
 * @param responseMembers for {@link Response#MEMBERS}, the response members recorded
 * @param additionalFromResponse response members recorded in {@code additionalEventData} (e.g. {@code
 *     KeyMaterialId})
 */
record OperationRule(
    String operation,
    boolean readOnly,
    List<RecordedMember> request,
    Map<String, String> requestDefaults,
    Response response,
    List<RecordedMember> responseMembers,
    List<String> additionalFromResponse) {

  /** How {@code responseElements} is made. */
  enum Response {
    /** {@code null}: what AWS records for reads and the data plane. */
    NONE,
    /** The listed response members. */
    MEMBERS,
    /**
     * {@code {"keyId": <key ARN>}} from the call's resources: what AWS records, since December 2022,
     * for KMS operations that change a key but return nothing.
     */
    KEY_ARN
  }

  OperationRule {
    Objects.requireNonNull(operation, "operation");
    request = List.copyOf(request);
    requestDefaults = Map.copyOf(requestDefaults);
    Objects.requireNonNull(response, "response");
    responseMembers = List.copyOf(responseMembers);
    additionalFromResponse = List.copyOf(additionalFromResponse);
  }

  /** A rule that records the listed request members and no response. */
  static OperationRule of(String operation, boolean readOnly, RecordedMember... request) {
    return new OperationRule(operation, readOnly, List.of(request), Map.of(), Response.NONE, List.of(),
        List.of());
  }

  OperationRule withDefault(String member, String value) {
    Map<String, String> defaults = new java.util.HashMap<>(requestDefaults);
    defaults.put(member, value);
    return new OperationRule(operation, readOnly, request, defaults, response, responseMembers,
        additionalFromResponse);
  }

  OperationRule respondingWith(RecordedMember... members) {
    return new OperationRule(operation, readOnly, request, requestDefaults, Response.MEMBERS,
        List.of(members), additionalFromResponse);
  }

  OperationRule respondingWithKeyArn() {
    return new OperationRule(operation, readOnly, request, requestDefaults, Response.KEY_ARN, List.of(),
        additionalFromResponse);
  }

  OperationRule withAdditional(String... responseMembers) {
    return new OperationRule(operation, readOnly, request, requestDefaults, response,
        this.responseMembers, List.of(responseMembers));
  }
}
