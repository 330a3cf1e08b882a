package io.keywarden.services.secrets;

import static io.keywarden.services.api.JsonInput.has;
import static io.keywarden.services.api.JsonInput.integer;
import static io.keywarden.services.api.JsonInput.string;
import static io.keywarden.services.api.JsonInput.stringList;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.secret.SecretRecord;
import io.keywarden.services.api.ApiException;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.api.JsonInput;
import io.keywarden.services.api.JsonOutput;
import java.util.ArrayList;
import java.util.List;

/**
 * BatchGetSecretValue: the AWSCURRENT values of up to 20 secrets, named in {@code SecretIdList} or
 * chosen by {@code Filters} (as ListSecrets filters, paged by {@code MaxResults}, 20 at most). The
 * caller needs {@code secretsmanager:BatchGetSecretValue} (and {@code secretsmanager:ListSecrets} with
 * Filters); each secret is then read exactly as GetSecretValue reads it, its own authorisation
 * included, and a secret that cannot be read is reported in {@code Errors} with the error
 * GetSecretValue would answer, while the others are returned.
 */
final class BatchGetSecretValueOperation {
  private static final int MAX_RESULTS = 20;

  private final SecretValueOperations values;
  private final ListSecretsOperation list;
  private final SecretAccess access;

  BatchGetSecretValueOperation(SecretValueOperations values, ListSecretsOperation list,
      SecretAccess access) {
    this.values = values;
    this.list = list;
    this.access = access;
  }

  ObjectNode invoke(CallContext ctx, ObjectNode in) {
    boolean byId = has(in, "SecretIdList");
    boolean byFilter = has(in, "Filters");
    if (byId == byFilter) {
      throw SecretsErrors.invalidParameter(
          "Either 'SecretIdList' or 'Filters' must be provided, but not both.");
    }
    if (byId && (has(in, "MaxResults") || has(in, "NextToken"))) {
      throw SecretsErrors.invalidParameter(
          "'Maxresults' and 'NextToken' parameters are only allowed when 'Filters' is provided.");
    }
    access.check(ctx, "BatchGetSecretValue", "*", SecretAccess.keys());
    List<String> ids;
    String next = null;
    if (byId) {
      ids = stringList(in, "SecretIdList");
    } else {
      access.check(ctx, "ListSecrets", "*", SecretAccess.keys());
      List<SecretRecord> found = list.matching(ctx, JsonInput.objectList(in, "Filters"), false,
          null, null);
      int from = Math.min(SecretInputs.offset(string(in, "NextToken")), found.size());
      Integer max = integer(in, "MaxResults");
      int to = Math.min(found.size(), from + (max == null ? MAX_RESULTS : max));
      ids = new ArrayList<>();
      for (int i = from; i < to; i++) {
        ids.add(found.get(i).arn());
      }
      if (to < found.size()) {
        next = SecretInputs.pageToken(to);
      }
    }
    ObjectNode out = JsonOutput.object();
    ArrayNode secrets = out.putArray("SecretValues");
    ArrayNode errors = out.putArray("Errors");
    for (String id : ids) {
      ObjectNode get = JsonOutput.object().put("SecretId", id);
      try {
        secrets.add(values.get(ctx, get));
      } catch (ApiException e) {
        if (e.fault() == ApiException.Fault.SERVER) {
          throw e;
        }
        errors.addObject().put("SecretId", id).put("ErrorCode", e.code()).put("Message", e.getMessage());
      }
    }
    JsonOutput.string(out, "NextToken", next);
    return out;
  }
}
