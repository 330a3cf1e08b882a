package io.keywarden.domain.policy;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a request asks, as policy evaluation sees it: the caller, the action ({@code kms:Encrypt}), the
 * resource ARN, and the condition context — keys (compared case-insensitively) with one or more values.
 */
public final class RequestContext {
  private final Caller caller;
  private final String action;
  private final String resource;
  private final Map<String, List<String>> keys;

  private RequestContext(Caller caller, String action, String resource, Map<String, List<String>> keys) {
    this.caller = Objects.requireNonNull(caller, "caller");
    this.action = Objects.requireNonNull(action, "action");
    this.resource = Objects.requireNonNull(resource, "resource");
    this.keys = keys;
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
    return keys.get(key.toLowerCase(Locale.ROOT));
  }

  /** Every key of the context, lower-cased, with its values. */
  public Map<String, List<String>> keys() {
    return Map.copyOf(keys);
  }

  /** The same request for another action and resource (e.g. ReEncryptTo after ReEncryptFrom). */
  public RequestContext with(String newAction, String newResource) {
    return new RequestContext(caller, newAction, newResource, keys);
  }

  /** Builds a context; keys are stored lower-cased. */
  public static final class Builder {
    private final Caller caller;
    private final String action;
    private final String resource;
    private final Map<String, List<String>> keys = new HashMap<>();

    private Builder(Caller caller, String action, String resource) {
      this.caller = caller;
      this.action = action;
      this.resource = resource;
    }

    /** Sets a single-valued key; a {@code null} value leaves the key absent. */
    public Builder put(String key, String value) {
      if (value != null) {
        keys.put(key.toLowerCase(Locale.ROOT), List.of(value));
      }
      return this;
    }

    /** Sets a multivalued key (an empty list is present but empty). */
    public Builder putAll(String key, List<String> values) {
      if (values != null) {
        keys.put(key.toLowerCase(Locale.ROOT), List.copyOf(values));
      }
      return this;
    }

    public RequestContext build() {
      return new RequestContext(caller, action, resource, keys);
    }
  }
}
