package io.keywarden.services.secrets;

import static io.keywarden.services.api.JsonInput.integer;
import static io.keywarden.services.api.JsonInput.isTrue;
import static io.keywarden.services.api.JsonInput.string;
import static io.keywarden.services.api.JsonInput.stringList;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.key.Tag;
import io.keywarden.domain.secret.SecretRecord;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.api.JsonInput;
import io.keywarden.services.api.JsonOutput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * ListSecrets: the caller's secrets in the region, filtered, sorted and paged.
 *
 * <p>Filters: each value is a case-sensitive prefix of the field the key names ({@code name}, {@code
 * description}, {@code tag-key}, {@code tag-value}; {@code all} any of them, or any word of them); a
 * value starting with {@code !} excludes what it matches. A secret passes a filter if it matches one of
 * its plain values and none of its negated ones, and the list if it passes every filter. {@code
 * primary-region} matches primaries with replicas and replicas, by their primary's region (a secret never
 * replicated has none, as on AWS). Secrets have no owning service until managed secrets exist, so
 * that filter matches none of them (its negation all). Sorted by {@code SortBy} (default creation date),
 * {@code SortOrder} (default ascending), then name.
 */
final class ListSecretsOperation {
  private static final String WORD_SEPARATORS = "[/_+=.@\\- ]";

  private final SecretBook book;
  private final SecretAccess access;

  ListSecretsOperation(SecretBook book, SecretAccess access) {
    this.book = book;
    this.access = access;
  }

  ObjectNode invoke(CallContext ctx, ObjectNode in) {
    access.check(ctx, "ListSecrets", "*", SecretAccess.keys());
    List<SecretRecord> found = matching(ctx, JsonInput.objectList(in, "Filters"),
        isTrue(in, "IncludePlannedDeletion"), string(in, "SortBy"), string(in, "SortOrder"));
    int from = Math.min(SecretInputs.offset(string(in, "NextToken")), found.size());
    Integer max = integer(in, "MaxResults");
    int to = Math.min(found.size(), from + (max == null ? 100 : max));
    ObjectNode out = JsonOutput.object();
    ArrayNode list = out.putArray("SecretList");
    for (int i = from; i < to; i++) {
      SecretViews.describe(list.addObject(), found.get(i), "SecretVersionsToStages");
    }
    if (to < found.size()) {
      out.put("NextToken", SecretInputs.pageToken(to));
    }
    return out;
  }

  /** The caller's secrets that pass {@code filters}, sorted (BatchGetSecretValue's Filters too). */
  List<SecretRecord> matching(CallContext ctx, List<ObjectNode> filters, boolean withDeleted,
      String sortBy, String sortOrder) {
    List<SecretRecord> found = new ArrayList<>();
    for (SecretRecord s : book.list(ctx)) {
      if ((withDeleted || s.deletedDate() == null) && passes(s, filters)) {
        found.add(s);
      }
    }
    found.sort(order(sortBy, sortOrder));
    return found;
  }

  private static Comparator<SecretRecord> order(String sortBy, String sortOrder) {
    Function<SecretRecord, Instant> time;
    Comparator<SecretRecord> c;
    if ("name".equals(sortBy)) {
      c = Comparator.comparing(SecretRecord::name);
    } else {
      if ("last-accessed-date".equals(sortBy)) {
        time = SecretRecord::lastAccessedDate;
      } else if ("last-changed-date".equals(sortBy)) {
        time = SecretRecord::lastChangedDate;
      } else {
        time = SecretRecord::createdDate;
      }
      c = Comparator.comparing(time, Comparator.nullsFirst(Comparator.naturalOrder()));
    }
    if ("desc".equals(sortOrder)) {
      c = c.reversed();
    }
    return c.thenComparing(SecretRecord::name);
  }

  private static boolean passes(SecretRecord s, List<ObjectNode> filters) {
    for (ObjectNode f : filters) {
      String key = string(f, "Key");
      boolean anyPlain = false;
      boolean plainMatched = false;
      for (String value : stringList(f, "Values")) {
        boolean negated = value.startsWith("!");
        String prefix = negated ? value.substring(1) : value;
        boolean matches = matches(s, key, prefix);
        if (negated && matches) {
          return false;
        }
        if (!negated) {
          anyPlain = true;
          plainMatched |= matches;
        }
      }
      if (anyPlain && !plainMatched) {
        return false;
      }
    }
    return true;
  }

  private static boolean matches(SecretRecord s, String key, String prefix) {
    switch (key) {
      case "name":
        return s.name().startsWith(prefix);
      case "description":
        return s.description() != null && s.description().startsWith(prefix);
      case "tag-key":
        return s.tags().stream().anyMatch(t -> t.key().startsWith(prefix));
      case "tag-value":
        return s.tags().stream().anyMatch(t -> t.value().startsWith(prefix));
      case "all":
        List<String> fields = new ArrayList<>();
        fields.add(s.name());
        if (s.description() != null) {
          fields.add(s.description());
        }
        for (Tag t : s.tags()) {
          fields.add(t.key());
          fields.add(t.value());
        }
        for (String field : fields) {
          if (field.startsWith(prefix)) {
            return true;
          }
          for (String word : field.split(WORD_SEPARATORS)) {
            if (!word.isEmpty() && word.startsWith(prefix)) {
              return true;
            }
          }
        }
        return false;
      case "primary-region":
        return s.replication() != null && s.replication().primaryRegion().startsWith(prefix);
      default:
        // owning-service: no secret has one yet.
        return false;
    }
  }
}
