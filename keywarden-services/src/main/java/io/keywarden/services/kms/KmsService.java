package io.keywarden.services.kms;

import io.keywarden.domain.alias.AliasRecord;
import io.keywarden.domain.crypto.EncryptionContext;
import io.keywarden.domain.crypto.HmacKeyMaterial;
import io.keywarden.domain.crypto.KeyMaterial;
import io.keywarden.domain.crypto.KeyPairMaterial;
import io.keywarden.domain.crypto.SymmetricKeyMaterial;
import io.keywarden.domain.key.KeySpec;
import io.keywarden.domain.key.KeySpecs;
import io.keywarden.domain.key.KeyUsage;
import io.keywarden.domain.key.KeyManager;
import io.keywarden.domain.key.RotationSchedule;
import io.keywarden.domain.key.Tag;
import io.keywarden.domain.storage.DuplicateRecordException;
import io.keywarden.domain.storage.Storage;
import io.keywarden.domain.trust.RootOfTrust;
import io.keywarden.services.api.ApiException;
import io.keywarden.services.api.ApiService;
import io.keywarden.services.api.OperationBinding;
import io.keywarden.services.api.OperationTable;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.api.KeyLastUsage;
import io.keywarden.services.api.ServiceEvents;
import io.keywarden.services.identity.IdentityPolicies;
import io.keywarden.services.kms.access.AccessRequest;
import io.keywarden.services.kms.access.Decision;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * AWS Key Management Service (model {@code kms}, target prefix {@code TrentService}): symmetric,
 * asymmetric (RSA, ECC, Ed25519, ML-DSA) and HMAC customer managed keys, AWS managed keys, aliases,
 * tags, key policies evaluated with IAM policies and grants as AWS does, the data plane (encryption, data keys and key pairs, signatures, MACs,
 * ECDH) and rotation. Operations of the model that are not listed in {@link #operations()} answer
 * UnsupportedOperationException.
 */
public final class KmsService implements ApiService {
  private final KmsCore core;
  private final Map<String, OperationBinding> operations;
  private final KmsBackgroundJobs jobs;

  /** A KMS where only account roots exist (tests, and wiring without identities). */
  public KmsService(Storage storage, RootOfTrust root, Clock clock) {
    this(storage, root, clock, IdentityPolicies.ROOTS_ONLY);
  }

  /** @param identities the IAM side: which principals exist, and their identity policies */
  public KmsService(Storage storage, RootOfTrust root, Clock clock, IdentityPolicies identities) {
    this(storage, root, clock, identities, null);
  }

  /**
   * A KMS whose background work is not recorded ({@link ServiceEvents#UNRECORDED}): for tests of the
   * service alone. A server gives its audit trail to the other constructor.
   *
   * @param identities the IAM side of authorisation: callers' identity policies, known principals
   * @param grants the grants side of authorisation; {@code null} for the grant book of this service
   *     (CreateGrant...); tests may give their own
   */
  public KmsService(
      Storage storage,
      RootOfTrust root,
      Clock clock,
      IdentityPolicies identities,
      GrantAuthority grants) {
    this(storage, root, clock, identities, grants, ServiceEvents.UNRECORDED);
  }

  /**
   * @param events where the deletions and rotations of {@link #backgroundJobs()} are recorded (the
   *     audit trail)
   */
  public KmsService(
      Storage storage,
      RootOfTrust root,
      Clock clock,
      IdentityPolicies identities,
      GrantAuthority grants,
      ServiceEvents events) {
    this(storage, root, clock, identities, grants, events, KeyLastUsage.NOT_TRACKED);
  }

  /**
   * @param usage each key's last successful cryptographic use, from the audit trail (GetKeyLastUsage)
   */
  public KmsService(
      Storage storage,
      RootOfTrust root,
      Clock clock,
      IdentityPolicies identities,
      GrantAuthority grants,
      ServiceEvents events,
      KeyLastUsage usage) {
    Objects.requireNonNull(events, "events");
    this.core = new KmsCore(storage, root, clock, identities, grants);
    OperationTable table = new OperationTable();
    new KeyLifecycleOperations(core).register(table);
    new AliasOperations(core).register(table);
    new TagOperations(core).register(table);
    new PolicyOperations(core).register(table);
    new CryptoOperations(core).register(table);
    new RotationOperations(core).register(table);
    new SigningOperations(core).register(table);
    new MacOperations(core).register(table);
    new KeyAgreementOperations(core).register(table);
    new DataKeyPairOperations(core).register(table);
    new GrantOperations(core).register(table);
    new GrantRemovalOperations(core).register(table);
    new KeyUsageOperations(core, usage).register(table);
    this.operations = table.toMap();
    this.jobs = new KmsBackgroundJobs(core, events);
  }

  @Override
  public String modelName() {
    return "kms";
  }

  @Override
  public String signingName() {
    return "kms";
  }

  @Override
  public String targetPrefix() {
    return "TrentService";
  }

  @Override
  public Map<String, OperationBinding> operations() {
    return operations;
  }

  @Override
  public ApiException notImplemented(String operation) {
    return KmsErrors.unsupported("Keywarden does not implement " + operation + " yet.");
  }

  /** Deletion windows and automatic rotation; run it periodically. */
  public KmsBackgroundJobs backgroundJobs() {
    return jobs;
  }

  /** The state the operations share (tests in this package). */
  KmsCore core() {
    return core;
  }

  /** The grants of every key, in memory: the grants side of key authorisation. */
  public GrantAuthority grants() {
    return core.grantBook;
  }

  /**
   * Explains whether the caller of {@code ctx} may perform {@code action} on a key, as a request would
   * be authorised: which key policy statements, identity policy statements and grant decided, and
   * AWS's denial message (the explain API and {@code keywarden explain}).
   *
   * @see #explain(CallContext, AccessQuestion)
   */
  public Explanation explain(
      CallContext ctx,
      String keyId,
      String action,
      Map<String, String> encryptionContext,
      Map<String, String> requestKeys) {
    Map<String, List<String>> keys = new java.util.HashMap<>();
    requestKeys.forEach((k, v) -> keys.put(k, List.of(v)));
    return explain(ctx, new AccessQuestion(keyId, action, encryptionContext, keys, List.of()));
  }

  /**
   * Explains whether the caller of {@code ctx} may do what {@code question} asks. The key is found and
   * the request built as the operation's own request is ({@link KmsCore#locate}, {@link
   * KmsCore#accessRequest}), and decided by the same {@link
   * io.keywarden.services.kms.access.KeyAuthorizer} evaluation that enforces it, so that an explanation
   * never disagrees with enforcement. Grant tokens are verified as a request's are.
   *
   * @throws ApiException NotFoundException if the key does not exist, InvalidArnException for an ARN
   *     of another region, InvalidGrantTokenException for a token this installation did not issue
   */
  public Explanation explain(CallContext ctx, AccessQuestion question) {
    String name = question.operation();
    KeyAccess access =
        KeyAccess.to(name).encryptionContext(EncryptionContext.of(question.encryptionContext()));
    question.conditionKeys().forEach(access::putAll);
    access.grantTokens(question.grantTokens());
    AccessRequest request;
    if (question.keyId() == null) {
      request =
          AccessRequest.identityOnly(
              ctx, "kms:" + name, "*", new KmsConditionKeys(ctx, null, List::of, access));
    } else {
      LoadedKey key = core.locate(ctx, question.keyId(), true, access);
      if (!access.grantTokens().isEmpty()) {
        core.grants.validateTokens(access.grantTokens());
      }
      request = core.accessRequest(ctx, key, access);
    }
    Decision decision = core.authorizer.explain(request);
    return new Explanation(
        request.action(),
        request.resource(),
        decision,
        decision.allowed()
            ? null
            : decision.deniedMessage(ctx.principal().arn(), request.action(), request.resource()));
  }

  /**
   * An explained decision.
   *
   * @param action the IAM action
   * @param resource the key ARN, or {@code *}
   * @param deniedMessage AWS's AccessDeniedException message, or {@code null} if allowed
   */
  public record Explanation(String action, String resource, Decision decision, String deniedMessage) {}

  /**
   * The current revision of the key {@code keyArn} names, from memory (every change to a key — its
   * state, policy, material — stores a new revision); empty for anything else. Lets a caller that keeps
   * something it obtained by using a key (Secrets Manager's unwrapped data keys) notice that the key
   * changed since.
   */
  public OptionalLong keyRevision(String keyArn) {
    if (KeyIdentifier.parse(keyArn) instanceof KeyIdentifier.KeyArn k) {
      Optional<LoadedKey> key = core.keys.find(k.region(), k.keyId());
      if (key.isPresent() && key.get().record().accountId().equals(k.accountId())) {
        return OptionalLong.of(key.get().record().revision());
      }
    }
    return OptionalLong.empty();
  }

  /** Forgets every cached key, alias and grant (after the storage was wiped). */
  public void clearCaches() {
    core.keys.clear();
    core.aliases.clear();
    core.grantBook.clear();
  }

  /**
   * Creates a key with a fixed id and fixed material (dev-mode seed files), with its aliases. A key
   * that exists already (a persistent dev data directory started again) is left as it is.
   *
   * @return whether the key was created
   * @throws IllegalArgumentException if the key id is not a KMS key id, or an alias is not a customer
   *     alias name
   */
  public boolean seedKey(SeedKey seed) {
    Objects.requireNonNull(seed, "seed");
    if (!KeyIdentifier.isKeyId(seed.keyId())) {
      throw new IllegalArgumentException("not a KMS key id: " + seed.keyId());
    }
    for (String alias : seed.aliases()) {
      if (!alias.startsWith("alias/") || AwsManagedKeys.isReserved(alias)) {
        throw new IllegalArgumentException("not a customer alias name: " + alias);
      }
    }
    if (core.keys.find(seed.region(), seed.keyId()).isPresent()) {
      return false;
    }
    if (!KeySpecs.usages(seed.keySpec()).contains(seed.keyUsage()) || seed.keySpec() == KeySpec.SM2) {
      throw new IllegalArgumentException(
          "key usage " + seed.keyUsage() + " is not valid for key spec " + seed.keySpec());
    }
    KeyMaterial material;
    try {
      material = seed.material() == null ? null : seedMaterial(seed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("seed key " + seed.keyId() + ": " + e.getMessage(), e);
    }
    try {
      core.createKey(
          new KmsCore.NewKey(
              seed.accountId(),
              seed.region(),
              seed.keyId(),
              seed.description(),
              seed.keySpec(),
              seed.keyUsage(),
              KeyManager.CUSTOMER,
              DefaultKeyPolicies.customerDefault(seed.accountId()),
              seed.tags(),
              RotationSchedule.DISABLED),
          material,
          material == null ? null : SeedMaterialIds.of(seed.region(), seed.keyId(), seed.material()));
    } catch (DuplicateRecordException e) {
      throw new IllegalArgumentException("key " + seed.keyId() + " exists", e);
    } finally {
      if (material != null) {
        material.destroy();
      }
    }
    Instant now = core.now();
    for (String alias : seed.aliases()) {
      core.aliases.insert(
          new AliasRecord(seed.accountId(), seed.region(), alias, seed.keyId(), now, now));
    }
    return true;
  }

  /** Symmetric: 32 bytes; HMAC: the key bytes; asymmetric: a PKCS#8 private key (DER). */
  private static KeyMaterial seedMaterial(SeedKey seed) {
    KeySpec spec = seed.keySpec();
    if (spec == KeySpec.SYMMETRIC_DEFAULT) {
      return SymmetricKeyMaterial.copyOf(seed.material());
    }
    if (KeySpecs.isHmac(spec)) {
      return HmacKeyMaterial.copyOf(spec, seed.material());
    }
    return KeyPairMaterial.fromPkcs8(spec, seed.material());
  }

  /**
   * A key to seed. {@code material} (32 bytes) may be {@code null} for fresh random material. Holds
   * secret bytes: a final class, not a record.
   */
  public static final class SeedKey {
    private final String accountId;
    private final String region;
    private final String keyId;
    private final String description;
    private final KeySpec keySpec;
    private final KeyUsage keyUsage;
    private final byte[] material;
    private final List<String> aliases;
    private final List<Tag> tags;

    /** A symmetric encryption key. */
    public SeedKey(
        String accountId,
        String region,
        String keyId,
        String description,
        byte[] material,
        List<String> aliases,
        List<Tag> tags) {
      this(accountId, region, keyId, description, KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT,
          material, aliases, tags);
    }

    /**
     * @param material symmetric: 32 bytes; HMAC: the key; asymmetric: PKCS#8 DER; {@code null} for
     *     fresh random material
     */
    public SeedKey(
        String accountId,
        String region,
        String keyId,
        String description,
        KeySpec keySpec,
        KeyUsage keyUsage,
        byte[] material,
        List<String> aliases,
        List<Tag> tags) {
      this.keySpec = Objects.requireNonNull(keySpec, "keySpec");
      this.keyUsage = Objects.requireNonNull(keyUsage, "keyUsage");
      this.accountId = Objects.requireNonNull(accountId, "accountId");
      this.region = Objects.requireNonNull(region, "region");
      this.keyId = Objects.requireNonNull(keyId, "keyId");
      this.description = description == null ? "" : description;
      this.material = material == null ? null : material.clone();
      this.aliases = List.copyOf(aliases);
      this.tags = List.copyOf(tags);
    }

    String accountId() {
      return accountId;
    }

    String region() {
      return region;
    }

    String keyId() {
      return keyId;
    }

    String description() {
      return description;
    }

    KeySpec keySpec() {
      return keySpec;
    }

    KeyUsage keyUsage() {
      return keyUsage;
    }

    byte[] material() {
      return material;
    }

    List<String> aliases() {
      return aliases;
    }

    List<Tag> tags() {
      return tags;
    }

    @Override
    public String toString() {
      return "SeedKey[" + keyId + "]";
    }
  }
}
