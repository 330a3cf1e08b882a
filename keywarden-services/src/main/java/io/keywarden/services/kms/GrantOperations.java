package io.keywarden.services.kms;

import static io.keywarden.services.api.JsonInput.integer;
import static io.keywarden.services.api.JsonInput.isTrue;
import static io.keywarden.services.api.JsonInput.string;
import static io.keywarden.services.api.JsonInput.stringList;
import static io.keywarden.services.api.JsonInput.stringMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.key.Grant;
import io.keywarden.domain.key.KeyRecord;
import io.keywarden.domain.storage.DuplicateRecordException;
import io.keywarden.domain.storage.StaleRecordException;
import io.keywarden.services.api.ApiException;
import io.keywarden.services.api.AuditResource;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.api.JsonOutput;
import io.keywarden.services.api.OperationTable;
import io.keywarden.services.kms.access.AccessRequest;
import io.keywarden.services.kms.access.GrantCheck;
import io.keywarden.services.kms.KeyStateRules.Use;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * CreateGrant, ListGrants and ListRetirableGrants (KMS API reference). RetireGrant and RevokeGrant are
 * in {@link GrantRemovalOperations}.
 */
final class GrantOperations {
  private final KmsCore core;
  private final GrantBook book;

  GrantOperations(KmsCore core) {
    this.core = core;
    this.book = core.grantBook;
  }

  void register(OperationTable table) {
    table
        .blocking("CreateGrant", this::createGrant)
        .blocking("ListGrants", this::listGrants)
        .blocking("ListRetirableGrants", this::listRetirableGrants);
  }

  // ---------------------------------------------------------------- CreateGrant

  ObjectNode createGrant(CallContext ctx, ObjectNode in) {
    Request r = Request.of(in);
    KeyAccess access = createGrantAccess(ctx, r, in);
    LoadedKey key = core.locate(ctx, string(in, "KeyId"), false, access);
    authorizeCreateGrant(ctx, key, access, r);
    KeyRecord k = key.record();
    KeyStateRules.check(k, Use.CRYPTOGRAPHIC);
    GrantRules.checkPrincipal(r.grantee, core.identities);
    if (r.retiring != null) {
      GrantRules.checkPrincipal(r.retiring, core.identities);
    }
    GrantRules.checkOperations(k, r.operations);
    GrantRules.checkConstraints(k, r.equalsContext, r.subsetContext);
    if (isTrue(in, "DryRun")) {
      throw KmsErrors.dryRun();
    }
    Grant grant = book.withKeyLock(k.region(), k.keyId(), () -> createOrReuse(ctx, k, r));
    ObjectNode out = JsonOutput.object();
    out.put("GrantToken", book.tokens().issue(grant.region(), grant.keyId(), grant.grantId()));
    out.put("GrantId", grant.grantId());
    return out;
  }

  /**
   * kms:CreateGrant with the grant condition keys (developer guide, "AWS KMS condition keys"):
   * kms:GrantOperations, kms:GranteePrincipal, kms:RetiringPrincipal, kms:GrantConstraintType and
   * kms:GrantIsForAWSResource (true when one of Keywarden's services asks on the caller's behalf).
   */
  private static KeyAccess createGrantAccess(CallContext ctx, Request r, ObjectNode in) {
    List<String> constraintTypes = new ArrayList<>(2);
    if (r.equalsContext != null) {
      constraintTypes.add("EncryptionContextEquals");
    }
    if (r.subsetContext != null) {
      constraintTypes.add("EncryptionContextSubset");
    }
    KeyAccess access =
        KeyAccess.to("CreateGrant")
            .grantTokens(in)
            .putAll("kms:GrantOperations", r.operations)
            .put("kms:GranteePrincipal", r.grantee)
            .put("kms:RetiringPrincipal", r.retiring);
    if (!constraintTypes.isEmpty()) {
      access.putAll("kms:GrantConstraintType", constraintTypes);
    }
    return grantIsForAwsResource(ctx, access);
  }

  /** kms:GrantIsForAWSResource, of CreateGrant, ListGrants and RevokeGrant. */
  static KeyAccess grantIsForAwsResource(CallContext ctx, KeyAccess access) {
    return access.put("kms:GrantIsForAWSResource", Boolean.toString(ctx.viaService() != null));
  }

  /**
   * The caller may create this grant by its policies (kms:CreateGrant, without limits on the grant),
   * or by a grant that includes CreateGrant, which lets its grantee create only grants with a subset
   * of its operations and constraints at least as strict (developer guide, "Granting CreateGrant
   * permission"). Explicit denies in policies win over both.
   */
  private void authorizeCreateGrant(CallContext ctx, LoadedKey key, KeyAccess access, Request r) {
    ctx.audit().resource(AuditResource.kmsKey(key.arn(), key.record().accountId()));
    if (!access.grantTokens().isEmpty()) {
      book.validateTokens(access.grantTokens());
    }
    AccessRequest asked = core.accessRequest(ctx, key, access);
    GrantCheck parentGrant =
        () -> {
          for (Grant parent :
              book.including(ctx.principal(), key, "CreateGrant", access.grantTokens())) {
            if (r.restricts(parent)) {
              return Optional.of(parent);
            }
          }
          return Optional.empty();
        };
    core.authorizer.check(
        new AccessRequest(
            asked.call(),
            asked.action(),
            asked.resource(),
            asked.resourceAccount(),
            asked.keyPolicy(),
            asked.conditionKeys(),
            parentGrant));
  }

  /**
   * Stores the grant, or returns the existing one that a request with the same Name and parameters
   * created (AWS: "if the grant already exists, the original GrantId is returned without creating a
   * new grant"). Runs under the book's lock for the key, so that on one node the quotas hold exactly;
   * it reads the grants the book knows, so a grant created on another node within the book's refresh
   * interval may be missed (a retry then creates a second grant; quotas may be exceeded by grants in
   * flight), as AWS's own eventual consistency allows.
   */
  private Grant createOrReuse(CallContext ctx, KeyRecord k, Request r) {
    Collection<Grant> existing = book.known(k.region(), k.keyId());
    if (r.name != null) {
      for (Grant g : existing) {
        if (r.sameAs(g)) {
          return g;
        }
      }
    }
    checkQuotas(k, r.grantee, existing);
    Grant grant =
        new Grant(
            HexFormat.of().formatHex(io.keywarden.domain.crypto.Randomness.bytes(32)),
            k.region(),
            k.keyId(),
            k.accountId(),
            r.name,
            r.grantee,
            r.retiring,
            r.operations,
            r.equalsContext,
            r.subsetContext,
            ctx.principal().arn(),
            core.now());
    try {
      core.storage.grants().insert(grant);
    } catch (StaleRecordException e) {
      throw KmsErrors.keyDoesNotExist(k.arn()); // deleted meanwhile
    } catch (DuplicateRecordException e) {
      throw KmsErrors.internal(); // 256 random bits collided
    }
    book.added(grant);
    return grant;
  }

  private static void checkQuotas(KeyRecord k, String grantee, Collection<Grant> existing) {
    if (existing.size() >= GrantRules.MAX_GRANTS_PER_KEY) {
      throw KmsErrors.limitExceeded(
          "The number of grants for KMS key "
              + k.arn()
              + " has reached the quota of "
              + GrantRules.MAX_GRANTS_PER_KEY
              + ". Retire or revoke grants before you create more.");
    }
    int forGrantee = 0;
    for (Grant g : existing) {
      if (g.granteePrincipal().equals(grantee)) {
        forGrantee++;
      }
    }
    if (forGrantee >= GrantRules.MAX_GRANTS_PER_GRANTEE) {
      throw KmsErrors.limitExceeded(
          "The number of grants for grantee principal "
              + grantee
              + " on KMS key "
              + k.arn()
              + " has reached the quota of "
              + GrantRules.MAX_GRANTS_PER_GRANTEE
              + ".");
    }
  }

  /** What a CreateGrant request asks for. */
  private static final class Request {
    final String grantee;
    final String retiring;
    final List<String> operations;
    final Map<String, String> equalsContext;
    final Map<String, String> subsetContext;
    final String name;

    private Request(
        String grantee,
        String retiring,
        List<String> operations,
        Map<String, String> equalsContext,
        Map<String, String> subsetContext,
        String name) {
      this.grantee = grantee;
      this.retiring = retiring;
      this.operations = operations;
      this.equalsContext = equalsContext;
      this.subsetContext = subsetContext;
      this.name = name;
    }

    static Request of(ObjectNode in) {
      JsonNode c = in.get("Constraints");
      ObjectNode constraints = c instanceof ObjectNode o ? o : null;
      return new Request(
          string(in, "GranteePrincipal"),
          string(in, "RetiringPrincipal"),
          List.copyOf(new LinkedHashSet<>(stringList(in, "Operations"))),
          member(constraints, "EncryptionContextEquals"),
          member(constraints, "EncryptionContextSubset"),
          string(in, "Name"));
    }

    private static Map<String, String> member(ObjectNode constraints, String name) {
      if (constraints == null || !constraints.hasNonNull(name)) {
        return null;
      }
      return stringMap(constraints, name);
    }

    /** Same name and parameters: a retry of the request that created {@code g}. */
    boolean sameAs(Grant g) {
      return name.equals(g.name())
          && grantee.equals(g.granteePrincipal())
          && Objects.equals(retiring, g.retiringPrincipal())
          && Set.copyOf(operations).equals(Set.copyOf(g.operations()))
          && Objects.equals(equalsContext, g.encryptionContextEquals())
          && Objects.equals(subsetContext, g.encryptionContextSubset());
    }

    /** Whether this grant is one that {@code parent}'s CreateGrant permission allows. */
    boolean restricts(Grant parent) {
      return parent.operations().containsAll(operations)
          && GrantConstraints.atLeastAsStrict(
              equalsContext,
              subsetContext,
              parent.encryptionContextEquals(),
              parent.encryptionContextSubset());
    }
  }

  // ---------------------------------------------------------------- listings

  ObjectNode listGrants(CallContext ctx, ObjectNode in) {
    LoadedKey key =
        core.resolve(
            ctx, string(in, "KeyId"), false, grantIsForAwsResource(ctx, KeyAccess.to("ListGrants")));
    String grantId = string(in, "GrantId");
    if (grantId != null) {
      grantId = checkGrantId(grantId);
    }
    String grantee = string(in, "GranteePrincipal");
    int limit = Paging.limit(integer(in, "Limit"), 50, 100);
    List<Grant> selected = new ArrayList<>();
    for (Grant g : book.reload(key.record().region(), key.record().keyId())) {
      if ((grantId == null || g.grantId().equals(grantId))
          && (grantee == null || g.granteePrincipal().equals(grantee))) {
        selected.add(g);
      }
    }
    return GrantView.page(
        Paging.afterSorted(selected, GrantOperations::creationPosition, "grants", string(in, "Marker"), limit));
  }

  /**
   * ListRetirableGrants: the grants in the caller's region whose retiring principal is the one asked
   * for, on keys of any account. AWS authorises it by the caller's IAM policies with the retiring
   * principal as the resource, which must be in the caller's account.
   */
  ObjectNode listRetirableGrants(CallContext ctx, ObjectNode in) {
    String retiring = string(in, "RetiringPrincipal");
    if (!GrantRules.isPrincipalArn(retiring)) {
      throw KmsErrors.invalidPrincipal(retiring);
    }
    if (!GrantRules.accountOf(retiring).equals(ctx.accountId())) {
      // IAM policies reach only their own account's resources; a principal has no resource policy.
      throw KmsErrors.accessDenied(
          "User: "
              + ctx.principal().arn()
              + " is not authorized to perform: kms:ListRetirableGrants on resource: "
              + retiring
              + " because no resource-based policy allows the kms:ListRetirableGrants action");
    }
    core.authorizeByIdentity(ctx, KeyAccess.to("ListRetirableGrants"), retiring, retiring);
    int limit = Paging.limit(integer(in, "Limit"), 50, 100);
    List<Grant> selected = new ArrayList<>();
    for (Grant g : core.storage.grants().listRetirable(retiring)) {
      if (g.region().equals(ctx.region())) {
        selected.add(g);
      }
    }
    return GrantView.page(
        Paging.afterSorted(selected, Grant::grantId, "retirable", string(in, "Marker"), limit));
  }

  /** A key's grants are listed in creation order; the marker names the last one listed. */
  private static String creationPosition(Grant g) {
    Instant c = g.creationDate();
    return String.format("%019d%09d:%s", c.getEpochSecond(), c.getNano(), g.grantId());
  }

  // ---------------------------------------------------------------- shared with RetireGrant/RevokeGrant

  /**
   * A grant id as requested, lower-cased.
   *
   * @throws ApiException InvalidGrantIdException unless it is 64 hex digits
   */
  static String checkGrantId(String grantId) {
    if (grantId.length() != 64) {
      throw KmsErrors.invalidGrantId(grantId);
    }
    for (int i = 0; i < 64; i++) {
      if (Character.digit(grantId.charAt(i), 16) < 0) {
        throw KmsErrors.invalidGrantId(grantId);
      }
    }
    return grantId.toLowerCase(java.util.Locale.ROOT);
  }
}
