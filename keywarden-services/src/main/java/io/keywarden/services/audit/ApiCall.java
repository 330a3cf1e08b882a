package io.keywarden.services.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.identity.Principal;
import io.keywarden.services.api.AuditFacts;
import io.keywarden.services.api.CallContext;
import java.time.Instant;
import java.util.Objects;

/**
 * What one API call came to, as its audit record needs it. The protocol layer fills it as the call
 * goes (who sent it and how, which service and operation, who signed it, the input, then the output or
 * the error) and hands it to {@link AuditTrail#record}; whatever was not reached stays empty (a call
 * refused before authentication has no principal and no input).
 *
 * <p>Holds the call's input and output, which may contain plaintext: it lives only for the call, is
 * never logged, and {@link CloudTrailEvents} copies from it only what {@link AuditRules} allow. Not
 * thread-safe; handed between threads with a happens-before edge.
 */
public final class ApiCall {
  /**
   * The "signing name" of Keywarden's own routes ({@code /_keywarden/...}): recorded with {@code
   * eventSource} {@code keywarden}, a name no AWS service has.
   */
  public static final String KEYWARDEN = "keywarden";

  /**
   * The longest {@code userAgent} recorded; longer ones are cut (CloudTrail truncates fields over their
   * maximum size; 1 KB is the user agent's in AWS's own records of API calls, e.g. GuardDuty's {@code
   * ApiCall.userAgent}).
   */
  static final int MAX_USER_AGENT = 1024;

  private final String requestId;
  private final Instant receivedAt;
  private final String sourceIp;
  private final String userAgent;
  private final TlsDetails tls;
  private String signingName;
  private String operation;
  private String region;
  private Principal principal;
  private String viaService;
  private String claimedAccessKeyId;
  private String claimedAccountId;
  private AuditFacts facts;
  private ObjectNode input;
  private ObjectNode output;
  private String errorCode;
  private String errorMessage;

  /**
   * @param tls {@code null} for a call over plain HTTP
   */
  public ApiCall(String requestId, Instant receivedAt, String sourceIp, String userAgent, TlsDetails tls) {
    this.requestId = Objects.requireNonNull(requestId, "requestId");
    this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
    this.sourceIp = sourceIp == null ? "" : sourceIp;
    this.userAgent = userAgent == null ? ""
        : userAgent.length() > MAX_USER_AGENT ? userAgent.substring(0, MAX_USER_AGENT) : userAgent;
    this.tls = tls;
  }

  /**
   * The service ({@code kms}, {@code sts}; {@link #KEYWARDEN} for Keywarden's own routes) and the
   * operation, as far as they are known ({@code null} otherwise).
   */
  public ApiCall service(String signingName, String operation) {
    this.signingName = signingName;
    this.operation = operation;
    return this;
  }

  /** The region the call was made to (its SigV4 scope), before or without authentication. */
  public ApiCall region(String region) {
    this.region = region;
    return this;
  }

  /**
   * The access key an unauthenticated call named, and the account it belongs to if it is known
   * ({@code null} otherwise): the record then goes to that account.
   */
  public ApiCall claimed(String accessKeyId, String accountId) {
    this.claimedAccessKeyId = accessKeyId;
    this.claimedAccountId = accountId;
    return this;
  }

  /** The authenticated call: its caller, region, service path and the service's audit facts. */
  public ApiCall authenticated(CallContext context) {
    this.principal = context.principal();
    this.region = context.region();
    this.viaService = context.viaService();
    this.facts = context.audit();
    return this;
  }

  /** The validated input. */
  public ApiCall input(ObjectNode input) {
    this.input = input;
    return this;
  }

  /** The call succeeded with {@code output} ({@code null} for an empty answer). */
  public ApiCall succeeded(ObjectNode output) {
    this.output = output;
    this.errorCode = null;
    this.errorMessage = null;
    return this;
  }

  /** The call failed with the error the caller is answered. */
  public ApiCall failed(String code, String message) {
    this.output = null;
    this.errorCode = Objects.requireNonNull(code, "code");
    this.errorMessage = message;
    return this;
  }

  public String requestId() {
    return requestId;
  }

  public Instant receivedAt() {
    return receivedAt;
  }

  String sourceIp() {
    return sourceIp;
  }

  String userAgent() {
    return userAgent;
  }

  TlsDetails tls() {
    return tls;
  }

  String signingName() {
    return signingName;
  }

  String operation() {
    return operation;
  }

  String region() {
    return region;
  }

  Principal principal() {
    return principal;
  }

  String viaService() {
    return viaService;
  }

  String claimedAccessKeyId() {
    return claimedAccessKeyId;
  }

  String claimedAccountId() {
    return claimedAccountId;
  }

  AuditFacts facts() {
    return facts;
  }

  ObjectNode input() {
    return input;
  }

  ObjectNode output() {
    return output;
  }

  /** The error code the caller was answered, or {@code null} for a success. */
  public String errorCode() {
    return errorCode;
  }

  String errorMessage() {
    return errorMessage;
  }

  @Override
  public String toString() {
    return "ApiCall[" + requestId + " " + signingName + ":" + operation + "]";
  }
}
