package io.keywarden.services.kms;

import io.keywarden.domain.key.KeyRecord;
import io.keywarden.domain.key.Tag;
import io.keywarden.domain.policy.RequestContext;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.kms.access.GlobalConditionKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The condition keys of one KMS request, computed only when a policy tests them ("AWS KMS condition
 * keys", KMS developer guide): the global keys, {@code kms:CallerAccount} and {@code kms:ViaService};
 * for a key resource operation the key's properties ({@code aws:ResourceTag/*}, {@code kms:KeySpec},
 * {@code kms:KeyUsage}, {@code kms:KeyOrigin}, {@code kms:KeyManager}, {@code kms:ResourceAliases},
 * the legacy {@code kms:CustomerMasterKeySpec} / {@code kms:CustomerMasterKeyUsage}, {@code
 * kms:MultiRegion}); and the request's own keys set by the operation ({@link KeyAccess}), which
 * take precedence (CreateKey's {@code kms:KeySpec} is the request's).
 */
final class KmsConditionKeys implements RequestContext.Source {
  private static final String RESOURCE_TAG = "aws:resourcetag/";
  private static final String CONTEXT = "kms:encryptioncontext:";

  private final CallContext call;
  private final KeyRecord key;
  private final Supplier<List<String>> aliases;
  private final KeyAccess access;

  /**
   * @param key the key the request uses, or {@code null}
   * @param aliases the key's alias names, asked only if a policy tests {@code kms:ResourceAliases}
   */
  KmsConditionKeys(CallContext call, KeyRecord key, Supplier<List<String>> aliases, KeyAccess access) {
    this.call = call;
    this.key = key;
    this.aliases = aliases;
    this.access = access;
  }

  @Override
  public List<String> values(String k) {
    List<String> request = access.requestKey(k);
    if (request != null) {
      return request;
    }
    if (k.startsWith("aws:")) {
      if (k.startsWith(RESOURCE_TAG)) {
        return key == null ? null : resourceTag(key.tags(), k.substring(RESOURCE_TAG.length()));
      }
      return GlobalConditionKeys.values(call, k);
    }
    if (k.startsWith(CONTEXT)) {
      return contextValue(k.substring(CONTEXT.length()));
    }
    switch (k) {
      case "kms:calleraccount":
        return List.of(call.accountId());
      case "kms:viaservice":
        return call.viaService() == null ? null : List.of(call.viaService());
      case "kms:encryptioncontextkeys":
        return access.encryptionContext() == null || access.encryptionContext().isEmpty()
            ? null
            : List.copyOf(access.encryptionContext().entries().keySet());
      case "kms:requestalias":
        return access.requestAlias() == null ? null : List.of(access.requestAlias());
      default:
        return key == null ? null : keyProperty(k);
    }
  }

  private List<String> keyProperty(String k) {
    switch (k) {
      case "kms:keyspec":
      case "kms:customermasterkeyspec":
        return List.of(key.keySpec().name());
      case "kms:keyusage":
      case "kms:customermasterkeyusage":
        return List.of(key.keyUsage().name());
      case "kms:keyorigin":
        return List.of(key.origin().name());
      case "kms:keymanager":
        return List.of(key.keyManager().name());
      case "kms:multiregion":
        return List.of("false");
      case "kms:resourcealiases":
        List<String> names = aliases.get();
        return names.isEmpty() ? null : names;
      default:
        return null;
    }
  }

  private List<String> contextValue(String lowerCaseKey) {
    if (access.encryptionContext() == null) {
      return null;
    }
    List<String> out = null;
    for (Map.Entry<String, String> e : access.encryptionContext().entries().entrySet()) {
      if (e.getKey().equalsIgnoreCase(lowerCaseKey)) {
        if (out == null) {
          out = new ArrayList<>(1);
        }
        out.add(e.getValue());
      }
    }
    return out;
  }

  private static List<String> resourceTag(List<Tag> tags, String lowerCaseKey) {
    for (Tag t : tags) {
      if (t.key().equalsIgnoreCase(lowerCaseKey)) {
        return List.of(t.value());
      }
    }
    return null;
  }
}
