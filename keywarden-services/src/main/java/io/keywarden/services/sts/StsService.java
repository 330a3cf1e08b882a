package io.keywarden.services.sts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.identity.Principal;
import io.keywarden.services.api.ApiException;
import io.keywarden.services.api.ApiService;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.api.JsonOutput;
import io.keywarden.services.api.OperationBinding;
import io.keywarden.services.api.OperationTable;
import io.keywarden.services.identity.IdentityDirectory;
import io.keywarden.services.identity.SessionTokens;
import java.util.Map;

/**
 * AWS Security Token Service (model {@code sts}, AWS Query protocol, SigV4 name {@code sts}):
 * GetCallerIdentity and AssumeRole. Every other operation of the model answers {@code InvalidAction}.
 */
public final class StsService implements ApiService {
  private final Map<String, OperationBinding> operations;

  public StsService(IdentityDirectory directory, SessionTokens sessions) {
    AssumeRoleOperation assumeRole = new AssumeRoleOperation(directory, sessions);
    this.operations = new OperationTable()
        .inline("GetCallerIdentity", StsService::getCallerIdentity)
        // The first session ever issued makes and stores the session-token key.
        .blocking("AssumeRole", assumeRole::invoke)
        .toMap();
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
    return StsErrors.notImplemented(operation);
  }

  /**
   * Who the caller is; needs no permission (STS API Reference, "GetCallerIdentity"): {@code UserId}
   * is the account id for the root, {@code AIDA...} for a user, {@code AROA...:session} for a session.
   */
  private static ObjectNode getCallerIdentity(CallContext call, ObjectNode in) {
    Principal p = call.principal();
    ObjectNode out = JsonOutput.object();
    out.put("UserId", p.userId());
    out.put("Account", p.accountId());
    out.put("Arn", p.arn());
    return out;
  }
}
