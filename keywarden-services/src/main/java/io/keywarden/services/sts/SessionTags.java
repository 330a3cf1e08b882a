package io.keywarden.services.sts;

import io.keywarden.domain.identity.Principal;
import io.keywarden.domain.identity.PrincipalType;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The tags of a new session (IAM User Guide, "Pass session tags in AWS STS"): the calling session's
 * transitive tags, inherited, then the request's {@code Tags}. Keys are compared without case, as AWS
 * does; the request may not repeat a key, nor set an inherited one; its {@code TransitiveTagKeys} must
 * name its own tags. The inherited keys stay transitive.
 *
 * @param requested the request's tags, in order (the {@code aws:RequestTag/*} of the trust policy)
 * @param tags every tag of the new session, in order
 * @param transitiveKeys the keys of {@code tags} that pass on to the sessions it assumes
 */
record SessionTags(Map<String, String> requested, Map<String, String> tags, Set<String> transitiveKeys) {

  /** A tag as the request gives it. */
  record RequestTag(String key, String value) {}

  static SessionTags of(Principal caller, List<RequestTag> requestTags, List<String> transitiveTagKeys) {
    Map<String, String> requested = new LinkedHashMap<>();
    Map<String, String> byLowerKey = new LinkedHashMap<>();
    for (RequestTag t : requestTags) {
      if (byLowerKey.put(lower(t.key()), t.key()) != null) {
        throw StsErrors.duplicateTagKeys();
      }
      requested.put(t.key(), t.value());
    }
    Set<String> transitive = new LinkedHashSet<>();
    Map<String, String> tags = new LinkedHashMap<>();
    if (caller.type() == PrincipalType.AssumedRole) {
      for (String key : caller.transitiveTagKeys()) {
        String value = valueOf(caller.tags(), key);
        if (value != null) {
          tags.put(key, value);
          transitive.add(key);
        }
      }
    }
    for (String inherited : transitive) {
      if (byLowerKey.containsKey(lower(inherited))) {
        throw StsErrors.conflictsWithInheritedTag();
      }
    }
    for (String key : transitiveTagKeys) {
      String spelled = byLowerKey.get(lower(key));
      if (spelled == null) {
        throw StsErrors.transitiveKeyNotInTags();
      }
      transitive.add(spelled);
    }
    tags.putAll(requested);
    return new SessionTags(Map.copyOf(requested), tags, transitive);
  }

  /**
   * An estimate of AWS's {@code PackedPolicySize}: the share, in percent, of a 2048-byte budget that
   * the tags take (AWS's packing is its own and not documented).
   */
  int packedPercent() {
    int bytes = 0;
    for (Map.Entry<String, String> t : tags.entrySet()) {
      bytes += t.getKey().length() + t.getValue().length() + 2;
    }
    return Math.max(1, (bytes * 100 + 2047) / 2048);
  }

  private static String valueOf(Map<String, String> tags, String key) {
    String exact = tags.get(key);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, String> e : tags.entrySet()) {
      if (e.getKey().equalsIgnoreCase(key)) {
        return e.getValue();
      }
    }
    return null;
  }

  private static String lower(String key) {
    return key.toLowerCase(Locale.ROOT);
  }
}
