package io.keywarden.services.kms;

import static io.keywarden.services.api.JsonInput.isTrue;
import static io.keywarden.services.api.JsonInput.string;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.identity.Principal;
import io.keywarden.domain.key.Grant;
import io.keywarden.domain.key.KeyArns;
import io.keywarden.services.api.AuditResource;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.api.JsonOutput;
import io.keywarden.services.api.OperationTable;
import io.keywarden.services.kms.access.AccessRequest;
import io.keywarden.services.kms.access.Decision;
import io.keywarden.services.kms.access.Decision.Outcome;
import java.util.List;

/**
 * RetireGrant and RevokeGrant (KMS developer guide, "Retiring and revoking grants"). Both delete a
 * grant; they differ in who may: RevokeGrant needs kms:RevokeGrant on the key from its policies, while
 * the grant itself says who may retire it.
 */
final class GrantRemovalOperations {
  private final KmsCore core;
  private final GrantBook book;

  GrantRemovalOperations(KmsCore core) {
    this.core = core;
    this.book = core.grantBook;
  }

  void register(OperationTable table) {
    table.blocking("RetireGrant", this::retireGrant).blocking("RevokeGrant", this::revokeGrant);
  }

  /**
   * RetireGrant, by grant token or by key and grant id. The key may be in any state; a token of
   * another region names no grant here.
   */
  ObjectNode retireGrant(CallContext ctx, ObjectNode in) {
    String token = string(in, "GrantToken");
    Grant grant;
    if (token != null) {
      GrantTokens.Ref ref = book.tokens().verify(token);
      if (!ref.region().equals(ctx.region())) {
        throw KmsErrors.grantNotFound(ref.grantId());
      }
      grant =
          book.find(ref.region(), ref.keyId(), ref.grantId())
              .orElseThrow(() -> KmsErrors.grantNotFound(ref.grantId()));
    } else {
      String keyId = string(in, "KeyId");
      String grantId = string(in, "GrantId");
      if (keyId == null || grantId == null) {
        throw KmsErrors.validation("Either GrantToken, or both KeyId and GrantId, must be specified.");
      }
      LoadedKey key = core.locate(ctx, keyId, false, KeyAccess.to("RetireGrant"));
      String id = GrantOperations.checkGrantId(grantId);
      grant =
          book.find(key.record().region(), key.record().keyId(), id)
              .orElseThrow(() -> KmsErrors.grantNotFound(id));
    }
    ctx.audit()
        .resource(
            AuditResource.kmsKey(
                KeyArns.keyArn(grant.region(), grant.keyAccountId(), grant.keyId()),
                grant.keyAccountId()));
    if (!mayRetire(ctx, grant)) {
      throw KmsErrors.accessDenied(
          "User: "
              + ctx.principal().arn()
              + " is not authorized to perform: kms:RetireGrant on resource: "
              + KeyArns.keyArn(grant.region(), grant.keyAccountId(), grant.keyId()));
    }
    if (isTrue(in, "DryRun")) {
      throw KmsErrors.dryRun();
    }
    delete(grant);
    return JsonOutput.object();
  }

  /** RevokeGrant: kms:RevokeGrant on the key, which may be in any state. */
  ObjectNode revokeGrant(CallContext ctx, ObjectNode in) {
    LoadedKey key =
        core.resolve(
            ctx,
            string(in, "KeyId"),
            false,
            GrantOperations.grantIsForAwsResource(ctx, KeyAccess.to("RevokeGrant")));
    String id = GrantOperations.checkGrantId(string(in, "GrantId"));
    Grant grant =
        book.find(key.record().region(), key.record().keyId(), id)
            .orElseThrow(() -> KmsErrors.grantNotFound(id));
    if (isTrue(in, "DryRun")) {
      throw KmsErrors.dryRun();
    }
    delete(grant);
    return JsonOutput.object();
  }

  private void delete(Grant grant) {
    core.storage.grants().delete(grant.region(), grant.grantId());
    book.removed(grant);
  }

  /**
   * Who may retire a grant (developer guide, "Retiring and revoking grants"): its retiring principal;
   * its grantee principal if the grant includes RetireGrant; and, as a backup, the account in which
   * the grant was created (the key's account). A principal named by role, or by its account, counts as
   * named. An account's root may do what its account may; its other principals need an IAM policy that
   * allows kms:RetireGrant ("The AWS account that owns the KMS key can delegate the kms:RetireGrant
   * permission to an IAM principal in the account"), and a Deny for kms:RetireGrant in their IAM policies
   * stops them in every case.
   */
  boolean mayRetire(CallContext ctx, Grant grant) {
    Principal p = ctx.principal();
    Decision iam = identityDecision(ctx, grant);
    if (iam.outcome() == Outcome.DENIED_EXPLICITLY_BY_IDENTITY_POLICY) {
      return false;
    }
    boolean retiring = grant.retiringPrincipal() != null && names(grant.retiringPrincipal(), p);
    boolean grantee =
        grant.operations().contains("RetireGrant") && names(grant.granteePrincipal(), p);
    if (retiring || grantee) {
      return true;
    }
    String account = Principal.rootArn(p.accountId());
    boolean accountMay =
        p.accountId().equals(grant.keyAccountId())
            || account.equals(grant.retiringPrincipal())
            || (grant.operations().contains("RetireGrant")
                && account.equals(grant.granteePrincipal()));
    // For the root the decision is "allowed": IAM allows the root everything in its account.
    return accountMay && iam.allowed();
  }

  /** Whether {@code arn} names the caller itself: its ARN, or the role of its session. */
  private static boolean names(String arn, Principal p) {
    return arn.equals(p.arn()) || arn.equals(p.roleArn());
  }

  /**
   * What the caller's IAM policies say about kms:RetireGrant on the grant's key ("not effective in a
   * key policy"): an explicit deny, an allow, or neither.
   */
  private Decision identityDecision(CallContext ctx, Grant grant) {
    String keyArn = KeyArns.keyArn(grant.region(), grant.keyAccountId(), grant.keyId());
    KeyAccess access = KeyAccess.to("RetireGrant");
    return core.authorizer.decide(
        AccessRequest.identityOnly(
            ctx,
            "kms:RetireGrant",
            keyArn,
            new KmsConditionKeys(
                ctx,
                core.keys.find(grant.region(), grant.keyId()).map(LoadedKey::record).orElse(null),
                List::of,
                access)));
  }
}
