package io.keywarden.domain.policy;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a request asks, as policy evaluation sees it: the caller, the action ({@code kms:Encrypt}), the
 * resource ARN, and the condition context — keys (compared case-insensitively) with one or more values.
 *
 * <p>Keys come from the values put on the builder and, for keys not put, from an optional {@link
 * Source} asked on demand: a service can then offer every condition key it knows while computing only
 * those that a policy actually tests.
 */
public final class RequestContext {
  private final Caller caller;
  private final String action;
  private final String resource;
  private final Map<String, List<String>> keys;
  private final Source source;

  /** Condition keys computed on demand. */
  @FunctionalInterface
  public interface Source {
    /**
     * The values of a key, or {@code null} if the request has none.
     *
     * @param lowerCaseKey the key, lower-cased (e.g. {@code kms:encryptioncontext:tenant})
     */
    List<String> values(String lowerCaseKey);
  }

  private RequestContext(
      Caller caller, String action, String resource, Map<String, List<String>> keys, Source source) {
    this.caller = Objects.requireNonNull(caller, "caller");
    this.action = Objects.requireNonNull(action, "action");
    this.resource = Objects.requireNonNull(resource, "resource");
    this.keys = keys;
    this.source = source;
  }

  public static Builder builder(Caller caller, String action, String resource) {
    return new Builder(caller, action, resource);
  }

  public Caller caller() {
    return caller;
  }

  public String action() {
    return action;
  }

  public String resource() {
    return resource;
  }

  /** The values of a context key, or {@code null} if the request has none. */
  public List<String> values(String key) {
    String k = lowerCase(key);
    List<String> v = keys.get(k);
    return v != null || source == null ? v : source.values(k);
  }

  /** As {@link #values}, for a key already lower-cased. */
  List<String> valuesOfLowerCase(String lowerCaseKey) {
    List<String> v = keys.get(lowerCaseKey);
    return v != null || source == null ? v : source.values(lowerCaseKey);
  }

  /**
   * Condition keys lower-cased, remembered: the keys come from parsed policies, whose strings live
   * long, so that a lookup costs no allocation on the data plane. Bounded: past the bound, keys are
   * lower-cased each time.
   */
  private static final java.util.concurrent.ConcurrentHashMap<String, String> LOWER =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static final int MAX_REMEMBERED = 4096;

  private static String lowerCase(String key) {
    String lower = LOWER.get(key);
    if (lower != null) {
      return lower;
    }
    lower = key.toLowerCase(Locale.ROOT);
    if (LOWER.size() < MAX_REMEMBERED) {
      LOWER.putIfAbsent(key, lower);
    }
    return lower;
  }

  /** The keys put on the builder, lower-cased, with their values (not those of the source). */
  public Map<String, List<String>> keys() {
    return Map.copyOf(keys);
  }

  /** The same request for another action and resource (e.g. ReEncryptTo after ReEncryptFrom). */
  public RequestContext with(String newAction, String newResource) {
    return new RequestContext(caller, newAction, newResource, keys, source);
  }

  /** Builds a context; keys are stored lower-cased. */
  public static final class Builder {
    private final Caller caller;
    private final String action;
    private final String resource;
    private Map<String, List<String>> keys; // null until a key is put
    private Source source;

    private Builder(Caller caller, String action, String resource) {
      this.caller = caller;
      this.action = action;
      this.resource = resource;
    }

    /** Sets a single-valued key; a {@code null} value leaves the key absent. */
    public Builder put(String key, String value) {
      if (value != null) {
        mutableKeys().put(key.toLowerCase(Locale.ROOT), List.of(value));
      }
      return this;
    }

    /** Sets a multivalued key (an empty list is present but empty). */
    public Builder putAll(String key, List<String> values) {
      if (values != null) {
        mutableKeys().put(key.toLowerCase(Locale.ROOT), List.copyOf(values));
      }
      return this;
    }

    /** Asks {@code source} for the keys not put on this builder. */
    public Builder source(Source source) {
      this.source = source;
      return this;
    }

    public RequestContext build() {
      return new RequestContext(caller, action, resource, keys == null ? Map.of() : keys, source);
    }

    private Map<String, List<String>> mutableKeys() {
      if (keys == null) {
        keys = new HashMap<>();
      }
      return keys;
    }
  }
}
