package io.keywarden.services.kms;

import io.keywarden.domain.key.Tag;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * KMS's tag rules beyond the model's length limits, with AWS's recorded TagException messages: at most
 * 50 tags per key, no duplicate keys in a request, no keys beginning with {@code aws:}.
 */
final class TagRules {
  static final int MAX_TAGS = 50;

  private TagRules() {}

  /** Checks tags of a request (CreateKey, TagResource). */
  static void checkRequest(List<Tag> tags) {
    Set<String> seen = new HashSet<>();
    for (Tag t : tags) {
      checkKey(t.key());
      if (!seen.add(t.key())) {
        throw KmsErrors.tag("Duplicate tag keys");
      }
    }
    if (tags.size() > MAX_TAGS) {
      throw KmsErrors.tag("Too many tags");
    }
  }

  static void checkKey(String key) {
    if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
      throw KmsErrors.tag("Tags beginning with aws: are reserved");
    }
  }

  /** {@code existing} with {@code added} applied: new keys appended, existing keys' values replaced. */
  static List<Tag> merge(List<Tag> existing, List<Tag> added) {
    Map<String, String> merged = new LinkedHashMap<>();
    existing.forEach(t -> merged.put(t.key(), t.value()));
    added.forEach(t -> merged.put(t.key(), t.value()));
    if (merged.size() > MAX_TAGS) {
      throw KmsErrors.tag("Too many tags");
    }
    List<Tag> out = new ArrayList<>(merged.size());
    merged.forEach((k, v) -> out.add(new Tag(k, v)));
    return out;
  }

  static List<Tag> without(List<Tag> existing, List<String> keys) {
    Set<String> drop = new HashSet<>(keys);
    List<Tag> out = new ArrayList<>(existing.size());
    for (Tag t : existing) {
      if (!drop.contains(t.key())) {
        out.add(t);
      }
    }
    return out;
  }
}
