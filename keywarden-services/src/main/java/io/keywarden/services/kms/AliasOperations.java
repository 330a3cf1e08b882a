package io.keywarden.services.kms;

import static io.keywarden.services.api.JsonInput.integer;
import static io.keywarden.services.api.JsonInput.string;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.alias.AliasRecord;
import io.keywarden.domain.key.KeyArns;
import io.keywarden.domain.key.KeyRecord;
import io.keywarden.domain.storage.DuplicateRecordException;
import io.keywarden.domain.storage.StaleRecordException;
import io.keywarden.services.api.ApiException;
import io.keywarden.services.api.AuditResource;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.api.JsonOutput;
import io.keywarden.services.api.OperationTable;
import io.keywarden.services.kms.KeyStateRules.Use;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** CreateAlias, UpdateAlias, DeleteAlias, ListAliases. */
final class AliasOperations {
  private final KmsCore core;

  AliasOperations(KmsCore core) {
    this.core = core;
  }

  void register(OperationTable table) {
    table
        .blocking("CreateAlias", this::createAlias)
        .blocking("UpdateAlias", this::updateAlias)
        .blocking("DeleteAlias", this::deleteAlias)
        .blocking("ListAliases", this::listAliases);
  }

  ObjectNode createAlias(CallContext ctx, ObjectNode in) {
    String aliasName = checkedAliasName(string(in, "AliasName"));
    auditAlias(ctx, aliasName);
    authorizeAlias(ctx, "CreateAlias", aliasName);
    LoadedKey key = core.resolve(ctx, string(in, "TargetKeyId"), false, "CreateAlias");
    KeyStateRules.check(key.record(), Use.MANAGE);
    Instant now = core.now();
    try {
      core.aliases.insert(
          new AliasRecord(
              ctx.accountId(), ctx.region(), aliasName, key.record().keyId(), now, now));
    } catch (DuplicateRecordException e) {
      throw KmsErrors.alreadyExists(
          "An alias with the name " + aliasArn(ctx, aliasName) + " already exists");
    }
    return JsonOutput.object();
  }

  ObjectNode updateAlias(CallContext ctx, ObjectNode in) {
    String aliasName = checkedAliasName(string(in, "AliasName"));
    auditAlias(ctx, aliasName);
    AliasRecord alias =
        core.aliases
            .find(ctx.accountId(), ctx.region(), aliasName)
            .orElseThrow(() -> KmsErrors.aliasNotFound(aliasArn(ctx, aliasName)));
    authorizeAlias(ctx, "UpdateAlias", aliasName);
    // kms:UpdateAlias on the key the alias leaves and on the key it moves to.
    core.ownKey(ctx, alias.targetKeyId())
        .ifPresent(current -> core.authorized(ctx, current, KeyAccess.to("UpdateAlias")));
    LoadedKey key = core.resolve(ctx, string(in, "TargetKeyId"), false, "UpdateAlias");
    KeyStateRules.check(key.record(), Use.MANAGE);
    core.keys
        .find(ctx.region(), alias.targetKeyId())
        .ifPresent(
            old -> {
              KeyRecord o = old.record();
              KeyRecord n = key.record();
              if (o.keySpec() != n.keySpec() || o.keyUsage() != n.keyUsage()) {
                throw KmsErrors.validation(
                    "Alias "
                        + aliasName
                        + " cannot be changed from a key of type "
                        + o.keySpec()
                        + " and usage "
                        + o.keyUsage()
                        + " to a key of type "
                        + n.keySpec()
                        + " and usage "
                        + n.keyUsage());
              }
            });
    try {
      core.aliases.update(alias.retarget(key.record().keyId(), core.now()));
    } catch (StaleRecordException e) {
      throw KmsErrors.aliasNotFound(aliasArn(ctx, aliasName));
    }
    return JsonOutput.object();
  }

  ObjectNode deleteAlias(CallContext ctx, ObjectNode in) {
    String aliasName = checkedAliasName(string(in, "AliasName"));
    auditAlias(ctx, aliasName);
    AliasRecord alias =
        core.aliases
            .find(ctx.accountId(), ctx.region(), aliasName)
            .orElseThrow(() -> KmsErrors.aliasNotFound(aliasArn(ctx, aliasName)));
    authorizeAlias(ctx, "DeleteAlias", aliasName);
    core.ownKey(ctx, alias.targetKeyId())
        .ifPresent(key -> core.authorized(ctx, key, KeyAccess.to("DeleteAlias")));
    if (!core.aliases.delete(ctx.accountId(), ctx.region(), aliasName)) {
      throw KmsErrors.aliasNotFound(aliasArn(ctx, aliasName));
    }
    return JsonOutput.object();
  }

  /** The alias is the first resource of an alias call's audit record, as AWS lists it. */
  private static void auditAlias(CallContext ctx, String aliasName) {
    ctx.audit().resource(AuditResource.kmsAlias(aliasArn(ctx, aliasName), ctx.accountId()));
  }

  ObjectNode listAliases(CallContext ctx, ObjectNode in) {
    // ListAliases is authorised by IAM policies alone, KeyId filter or not.
    core.authorizeByIdentity(ctx, KeyAccess.to("ListAliases"), "*", "*");
    int limit = Paging.limit(integer(in, "Limit"), 50, 100);
    String keyFilter = string(in, "KeyId");
    List<AliasRecord> stored;
    List<String> predefined;
    if (keyFilter != null) {
      LoadedKey key = core.locate(ctx, keyFilter, false, KeyAccess.to("ListAliases"));
      if (!key.record().accountId().equals(ctx.accountId())) {
        // Aliases of another account's key are not the caller's to list.
        core.authorized(ctx, key, KeyAccess.to("ListAliases"));
      }
      stored = core.storage.aliases().listForKey(ctx.region(), key.record().keyId());
      predefined = List.of();
    } else {
      stored = core.storage.aliases().list(ctx.accountId(), ctx.region());
      predefined = AwsManagedKeys.predefinedAliases();
    }
    // AWS lists the predefined alias/aws/... aliases of keys not yet created, without TargetKeyId.
    TreeMap<String, ObjectNode> entries = new TreeMap<>();
    for (String name : predefined) {
      ObjectNode e = JsonOutput.object();
      e.put("AliasName", name);
      e.put("AliasArn", aliasArn(ctx, name));
      entries.put(name, e);
    }
    for (AliasRecord a : stored) {
      ObjectNode e = JsonOutput.object();
      e.put("AliasName", a.aliasName());
      e.put("AliasArn", a.arn());
      e.put("TargetKeyId", a.targetKeyId());
      JsonOutput.timestamp(e, "CreationDate", a.creationDate());
      JsonOutput.timestamp(e, "LastUpdatedDate", a.lastUpdatedDate());
      entries.put(a.aliasName(), e);
    }
    Paging.Page<ObjectNode> page =
        Paging.afterSorted(
            new ArrayList<>(entries.values()),
            e -> e.get("AliasName").asText(),
            "aliases",
            string(in, "Marker"),
            limit);
    ObjectNode out = JsonOutput.object();
    ArrayNode aliases = out.putArray("Aliases");
    page.items().forEach(aliases::add);
    boolean truncated = page.truncated();
    if (truncated) {
      out.put("NextMarker", page.nextMarker());
    }
    out.put("Truncated", truncated);
    return out;
  }

  /** kms:CreateAlias / UpdateAlias / DeleteAlias on the alias ARN: IAM policies alone (aliases have no policy). */
  private void authorizeAlias(CallContext ctx, String action, String aliasName) {
    String arn = aliasArn(ctx, aliasName);
    core.authorizeByIdentity(ctx, KeyAccess.to(action), arn, arn);
  }

  /** AliasName must begin with {@code alias/} and, for customers, not with {@code alias/aws/}. */
  private static String checkedAliasName(String aliasName) {
    if (!aliasName.startsWith("alias/")) {
      throw KmsErrors.validation(
          "Alias must start with the prefix \"alias/\". Please see"
              + " https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html");
    }
    if (AwsManagedKeys.isReserved(aliasName)) {
      // Recorded by emulators that mirror AWS: the reserved prefix is refused without a message.
      throw new ApiException("NotAuthorizedException", null);
    }
    return aliasName;
  }

  private static String aliasArn(CallContext ctx, String aliasName) {
    return KeyArns.aliasArn(ctx.region(), ctx.accountId(), aliasName);
  }
}
