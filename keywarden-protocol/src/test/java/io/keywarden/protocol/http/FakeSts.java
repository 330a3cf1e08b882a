package io.keywarden.protocol.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.identity.Principal;
import io.keywarden.services.api.ApiException;
import io.keywarden.services.api.ApiService;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.api.Execution;
import io.keywarden.services.api.JsonInput;
import io.keywarden.services.api.JsonOutput;
import io.keywarden.services.api.OperationBinding;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stand-in for STS against the real STS model, speaking the Query protocol: GetCallerIdentity
 * names the caller; AssumeRole issues temporary credentials through {@link SessionCredentials},
 * except for session names that make it fail: {@code malformed} (a modeled error), {@code denied}
 * ({@code AccessDenied}), {@code boom} (an unexpected exception). Records the last input.
 */
final class FakeSts implements ApiService {
  final AtomicReference<ObjectNode> lastInput = new AtomicReference<>();
  final AtomicReference<String> lastThread = new AtomicReference<>();
  private final SessionCredentials sessions;
  private final Map<String, OperationBinding> operations = Map.of(
      "GetCallerIdentity", new OperationBinding("GetCallerIdentity", Execution.INLINE, this::getCallerIdentity),
      "AssumeRole", new OperationBinding("AssumeRole", Execution.BLOCKING, this::assumeRole));

  FakeSts(SessionCredentials sessions) {
    this.sessions = sessions;
  }

  @Override
  public String modelName() {
    return "sts";
  }

  @Override
  public String signingName() {
    return "sts";
  }

  @Override
  public String targetPrefix() {
    return "";
  }

  @Override
  public WireProtocol protocol() {
    return WireProtocol.QUERY;
  }

  @Override
  public Map<String, OperationBinding> operations() {
    return operations;
  }

  @Override
  public ApiException notImplemented(String operation) {
    return new ApiException("NotImplemented", operation + " is not supported by Keywarden yet.");
  }

  private ObjectNode getCallerIdentity(CallContext context, ObjectNode input) {
    lastInput.set(input);
    lastThread.set(Thread.currentThread().getName());
    Principal caller = context.principal();
    ObjectNode out = JsonOutput.object();
    out.put("UserId", caller.userId());
    out.put("Account", caller.accountId());
    out.put("Arn", caller.arn());
    return out;
  }

  private ObjectNode assumeRole(CallContext context, ObjectNode input) {
    lastInput.set(input);
    lastThread.set(Thread.currentThread().getName());
    String roleArn = JsonInput.string(input, "RoleArn");
    String name = JsonInput.string(input, "RoleSessionName");
    switch (name) {
      case "malformed":
        throw new ApiException("MalformedPolicyDocumentException", "Syntax errors in policy.");
      case "denied":
        throw new ApiException("AccessDenied", "User: " + context.principal().arn()
            + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn);
      case "boom":
        throw new IllegalStateException("hunter2");
      default:
        break;
    }
    Integer duration = JsonInput.integer(input, "DurationSeconds");
    Instant expiresAt = context.receivedAt().plusSeconds(duration == null ? 3600 : duration);
    SessionCredentials.Session session = sessions.issue(roleArn, name, expiresAt);
    ObjectNode credentials = JsonOutput.object();
    credentials.put("AccessKeyId", session.accessKeyId);
    credentials.put("SecretAccessKey", session.secret());
    credentials.put("SessionToken", session.token);
    JsonOutput.timestamp(credentials, "Expiration", expiresAt);
    ObjectNode out = JsonOutput.object();
    out.set("Credentials", credentials);
    out.putObject("AssumedRoleUser")
        .put("AssumedRoleId", session.principal.userId())
        .put("Arn", session.principal.arn());
    out.put("PackedPolicySize", JsonInput.objectList(input, "Tags").size());
    return out;
  }
}
