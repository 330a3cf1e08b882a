package io.keywarden.services.kms;

import io.keywarden.domain.alias.AliasRecord;
import io.keywarden.domain.crypto.HmacKeyMaterial;
import io.keywarden.domain.crypto.KeyMaterial;
import io.keywarden.domain.crypto.KeyPairMaterial;
import io.keywarden.domain.crypto.SymmetricKeyMaterial;
import io.keywarden.domain.key.KeyArns;
import io.keywarden.domain.key.KeyManager;
import io.keywarden.domain.key.KeyRecord;
import io.keywarden.domain.key.KeySpec;
import io.keywarden.domain.key.KeySpecs;
import io.keywarden.domain.key.KeyState;
import io.keywarden.domain.key.KeyUsage;
import io.keywarden.domain.key.MaterialIds;
import io.keywarden.domain.key.MaterialVersion;
import io.keywarden.domain.key.Origin;
import io.keywarden.domain.key.RotationSchedule;
import io.keywarden.domain.key.RotationType;
import io.keywarden.domain.key.Tag;
import io.keywarden.domain.storage.DuplicateRecordException;
import io.keywarden.domain.storage.Storage;
import io.keywarden.domain.trust.RootOfTrust;
import io.keywarden.services.api.AuditResource;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.identity.IdentityPolicies;
import io.keywarden.services.kms.access.AccessRequest;
import io.keywarden.services.kms.access.Decision;
import io.keywarden.services.kms.access.GrantCheck;
import io.keywarden.services.kms.access.KeyAuthorizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The KMS state every operation works on: keys (in memory, backed by storage), aliases, key creation,
 * rotation and deletion, key resolution from a request's {@code KeyId}, and authorisation (key
 * policies, IAM policies, grants).
 */
final class KmsCore {
  /** AWS: "You can perform on-demand key rotation a maximum of 25 times per KMS key." */
  static final int MAX_ON_DEMAND_ROTATIONS = 25;

  final Storage storage;
  final KeyRing keys;
  final AliasBook aliases;
  final Clock clock;
  final GrantBook grantBook;
  final KeyAuthorizer authorizer;
  final IdentityPolicies identities;
  /** The grants the authorizer consults: the grant book, or a test's own. */
  final GrantAuthority grants;
  private final MaterialWrapping wrapping;

  /**
   * @param grants the grants to consult; {@code null} for the grant book
   */
  KmsCore(
      Storage storage,
      RootOfTrust root,
      Clock clock,
      IdentityPolicies identities,
      GrantAuthority grants) {
    this.storage = storage;
    this.identities = identities;
    this.authorizer = new KeyAuthorizer(identities);
    this.wrapping = new MaterialWrapping(root);
    this.keys = new KeyRing(storage.keys(), wrapping);
    this.aliases = new AliasBook(storage.aliases());
    this.clock = clock;
    this.grantBook =
        new GrantBook(storage.grants(), new GrantTokens(storage.settings(), root), clock);
    this.grants = grants != null ? grants : grantBook;
  }

  Instant now() {
    return clock.instant();
  }

  // ---------------------------------------------------------------- resolution

  /**
   * Resolves a request's key identifier to a key the caller may use for {@code action}.
   *
   * @param aliasesAllowed whether the operation accepts alias names and alias ARNs
   */
  LoadedKey resolve(CallContext ctx, String input, boolean aliasesAllowed, String action) {
    return resolve(ctx, input, aliasesAllowed, KeyAccess.to(action));
  }

  /**
   * Resolves a request's key identifier to a key the caller may use as {@code access} asks (AWS checks
   * that the key exists before it checks permissions).
   *
   * @param aliasesAllowed whether the operation accepts alias names and alias ARNs
   */
  LoadedKey resolve(CallContext ctx, String input, boolean aliasesAllowed, KeyAccess access) {
    return authorized(ctx, locate(ctx, input, aliasesAllowed, access), access);
  }

  /**
   * Finds the key a request's key identifier names, without authorising (ListAliases' KeyId filter,
   * which IAM policies authorise); records an alias name in {@code access} ({@code kms:RequestAlias}).
   */
  LoadedKey locate(CallContext ctx, String input, boolean aliasesAllowed, KeyAccess access) {
    KeyIdentifier id = KeyIdentifier.parse(input);
    if (id instanceof KeyIdentifier.Id k) {
      return ownKey(ctx, k.keyId())
          .orElseThrow(
              () -> KmsErrors.keyDoesNotExist(KeyArns.keyArn(ctx.region(), ctx.accountId(), k.keyId())));
    }
    if (id instanceof KeyIdentifier.KeyArn k) {
      if (!k.region().equals(ctx.region())) {
        throw KmsErrors.invalidArnRegion(k.region());
      }
      return keys.find(k.region(), k.keyId())
          .filter(l -> l.record().accountId().equals(k.accountId()))
          .orElseThrow(() -> KmsErrors.keyDoesNotExist(input));
    }
    if (!aliasesAllowed && !(id instanceof KeyIdentifier.Malformed)) {
      throw KmsErrors.invalidKeyId(input);
    }
    if (id instanceof KeyIdentifier.AliasName a) {
      access.requestAlias(a.aliasName());
      return viaAlias(ctx, ctx.accountId(), a.aliasName(), access.action);
    }
    if (id instanceof KeyIdentifier.AliasArn a) {
      if (!a.region().equals(ctx.region())) {
        throw KmsErrors.invalidArnRegion(a.region());
      }
      access.requestAlias(a.aliasName());
      return viaAlias(ctx, a.accountId(), a.aliasName(), access.action);
    }
    throw KmsErrors.invalidKeyId(input);
  }

  /** A key of the caller's own account, by bare key id, in the caller's region. */
  Optional<LoadedKey> ownKey(CallContext ctx, String keyId) {
    return keys.find(ctx.region(), keyId).filter(l -> l.record().accountId().equals(ctx.accountId()));
  }

  private LoadedKey viaAlias(CallContext ctx, String accountId, String aliasName, String action) {
    Optional<AliasRecord> alias = aliases.find(accountId, ctx.region(), aliasName);
    // AWS: DescribeKey on a predefined AWS alias that has no key yet creates the AWS managed key; so
    // does the first use by its service (Secrets Manager's GenerateDataKey on alias/aws/secretsmanager).
    if (alias.isEmpty() && accountId.equals(ctx.accountId())) {
      Optional<String> service = AwsManagedKeys.serviceOf(aliasName);
      if (service.isPresent() && (action.equals("DescribeKey")
          || (service.get() + "." + ctx.region() + ".amazonaws.com").equals(ctx.viaService()))) {
        return awsManagedKey(accountId, ctx.region(), service.get());
      }
    }
    AliasRecord a =
        alias.orElseThrow(
            () -> KmsErrors.aliasNotFound(KeyArns.aliasArn(ctx.region(), accountId, aliasName)));
    return keys.find(ctx.region(), a.targetKeyId())
        .orElseThrow(
            () -> KmsErrors.aliasNotFound(KeyArns.aliasArn(ctx.region(), accountId, aliasName)));
  }

  // ---------------------------------------------------------------- authorisation

  /**
   * Returns {@code key} if its key policy, the caller's IAM policies and its grants allow {@code
   * access}; else throws AWS's AccessDeniedException.
   */
  LoadedKey authorized(CallContext ctx, LoadedKey key, KeyAccess access) {
    // The key is the call's resource whether or not the caller may use it (AWS records the key of a
    // denied call too).
    ctx.audit().resource(AuditResource.kmsKey(key.arn(), key.record().accountId()));
    if (!access.grantTokens().isEmpty()) {
      // AWS answers a malformed token whether or not a grant is needed.
      grants.validateTokens(access.grantTokens());
    }
    AccessRequest request = accessRequest(ctx, key, access);
    if (!access.crossAccount() && !key.record().accountId().equals(ctx.accountId())) {
      // No key policy can open these operations to another account.
      throw KeyAuthorizer.denied(
          new Decision(Decision.Outcome.DENIED_NO_KEY_POLICY_ALLOWS, List.of(), null),
          request,
          request.resource());
    }
    authorizer.check(request);
    return key;
  }

  /** The authorisation question of {@code access} on {@code key} (also for explanations). */
  AccessRequest accessRequest(CallContext ctx, LoadedKey key, KeyAccess access) {
    KeyRecord r = key.record();
    GrantCheck grantCheck =
        access.grantable()
            ? () ->
                grants.allowing(
                    ctx.principal(), key, access.action, access.encryptionContextMap(),
                    access.grantTokens())
            : GrantCheck.NONE;
    return new AccessRequest(
        ctx,
        access.iamAction(),
        r.arn(),
        r.accountId(),
        key.policy(),
        new KmsConditionKeys(ctx, r, () -> aliases.namesOf(r.region(), r.keyId()), access),
        grantCheck);
  }

  /**
   * Authorises an action on a resource that has no key policy — an alias ARN, or {@code *} for
   * CreateKey, ListKeys, ListAliases, GenerateRandom — by the caller's IAM policies alone.
   *
   * @param messageResource the resource the denial names ({@code null}: none)
   */
  void authorizeByIdentity(
      CallContext ctx, KeyAccess access, String resource, String messageResource) {
    authorizer.check(
        AccessRequest.identityOnly(
            ctx,
            access.iamAction(),
            resource,
            new KmsConditionKeys(ctx, null, List::of, access)),
        messageResource);
  }

  // ---------------------------------------------------------------- creation

  /**
   * Creates a SYMMETRIC_DEFAULT key with fresh (or, for seeds, given) material, under a random (or,
   * for seeds, given) material id.
   */
  LoadedKey createSymmetricKey(
      String accountId,
      String region,
      String keyId,
      String description,
      KeyManager manager,
      String policy,
      List<Tag> tags,
      SymmetricKeyMaterial material,
      String fixedMaterialId,
      RotationSchedule rotation) {
    return createKey(
        new NewKey(accountId, region, keyId, description, KeySpec.SYMMETRIC_DEFAULT,
            KeyUsage.ENCRYPT_DECRYPT, manager, policy, tags, rotation),
        material,
        fixedMaterialId);
  }

  /** What a new key is, apart from its material. */
  record NewKey(
      String accountId,
      String region,
      String keyId,
      String description,
      KeySpec spec,
      KeyUsage usage,
      KeyManager manager,
      String policy,
      List<Tag> tags,
      RotationSchedule rotation) {}

  /**
   * Creates a key of any spec with fresh material of that spec (or, for seeds, the given material and
   * material id).
   */
  LoadedKey createKey(NewKey k, KeyMaterial material, String fixedMaterialId) {
    Instant now = now();
    String materialId = fixedMaterialId != null ? fixedMaterialId : MaterialIds.random();
    KeyMaterial m = material != null ? material : generate(k.spec());
    MaterialVersion version = wrapping.wrap(k.keyId(), materialId, m, null, now);
    KeyRecord record =
        new KeyRecord(
            k.keyId(),
            k.accountId(),
            k.region(),
            k.description(),
            k.spec(),
            k.usage(),
            Origin.AWS_KMS,
            k.manager(),
            KeyState.Enabled,
            now,
            null,
            null,
            k.policy(),
            k.tags(),
            k.rotation(),
            List.of(version),
            materialId,
            0,
            1);
    return keys.insert(record);
  }

  private static KeyMaterial generate(KeySpec spec) {
    if (spec == KeySpec.SYMMETRIC_DEFAULT) {
      return SymmetricKeyMaterial.generate();
    }
    if (KeySpecs.isHmac(spec)) {
      return HmacKeyMaterial.generate(spec);
    }
    return KeyPairMaterial.generate(spec);
  }

  static String newKeyId() {
    return UUID.randomUUID().toString();
  }

  /**
   * The AWS managed key of a service in an account and region, created with its alias on first use.
   * AWS managed keys rotate every year.
   */
  LoadedKey awsManagedKey(String accountId, String region, String service) {
    String aliasName = AwsManagedKeys.PREFIX + service;
    synchronized (this) {
      Optional<AliasRecord> existing = aliases.find(accountId, region, aliasName);
      if (existing.isPresent()) {
        return keys.find(region, existing.get().targetKeyId()).orElseThrow(KmsErrors::internal);
      }
      Instant now = now();
      LoadedKey key =
          createSymmetricKey(
              accountId,
              region,
              newKeyId(),
              AwsManagedKeys.description(service),
              KeyManager.AWS,
              DefaultKeyPolicies.awsManaged(accountId, region, service),
              List.of(),
              null,
              null,
              new RotationSchedule(true, 365, now.plus(Duration.ofDays(365))));
      try {
        aliases.insert(new AliasRecord(accountId, region, aliasName, key.record().keyId(), now, now));
      } catch (DuplicateRecordException raced) {
        keys.delete(region, key.record().keyId());
        AliasRecord winner = aliases.find(accountId, region, aliasName).orElseThrow(KmsErrors::internal);
        return keys.find(region, winner.targetKeyId()).orElseThrow(KmsErrors::internal);
      }
      return key;
    }
  }

  // ---------------------------------------------------------------- rotation

  /** Adds a new material version and makes it current. Earlier versions keep decrypting. */
  LoadedKey rotate(String region, String keyId, RotationType type) {
    SymmetricKeyMaterial material = SymmetricKeyMaterial.generate();
    String materialId = MaterialIds.random();
    return keys.update(
        region,
        keyId,
        current -> {
          if (type == RotationType.ON_DEMAND
              && current.onDemandRotations() >= MAX_ON_DEMAND_ROTATIONS) {
            throw KmsErrors.limitExceeded(
                "The on-demand rotations limit has been reached for the given keyId. No more"
                    + " on-demand rotations can be performed for this key: "
                    + current.arn());
          }
          Instant now = now();
          List<MaterialVersion> versions = new ArrayList<>(current.materials());
          versions.add(wrapping.wrap(current.keyId(), materialId, material, type, now));
          KeyRecord.Builder next = current.toBuilder().materials(versions, materialId);
          if (type == RotationType.ON_DEMAND) {
            next.onDemandRotations(current.onDemandRotations() + 1);
          } else {
            RotationSchedule r = current.rotation();
            next.rotation(
                new RotationSchedule(true, r.periodDays(), now.plus(Duration.ofDays(r.periodDays()))));
          }
          return next.build();
        });
  }
}
