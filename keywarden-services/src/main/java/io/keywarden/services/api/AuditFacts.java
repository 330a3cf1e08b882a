package io.keywarden.services.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a service tells the audit record of one call beyond its input and output: the resources it
 * touched (the key a {@code Decrypt} resolved, even when the call then failed) and additional event
 * data. Services fill it through {@link CallContext#audit()}; the protocol layer turns it, with the
 * call's input, output or error, into the CloudTrail record, so services never deal with the record's
 * layout.
 *
 * <p>One per call. It is filled by the thread that runs the operation and read after the operation
 * has returned (the protocol layer hands the call over between threads with a happens-before edge),
 * so it is not synchronised. Nothing secret may be put here: it is written to the audit log as is.
 */
public final class AuditFacts {
  private List<AuditResource> resources;
  private Map<String, String> additional;

  /**
   * Records that the call touched {@code resource}. Recording the same resource twice keeps one
   * entry; order is kept ({@code ReEncrypt}: source key, then destination key, as AWS lists them).
   */
  public void resource(AuditResource resource) {
    if (resources == null) {
      resources = new ArrayList<>(2);
    } else if (resources.contains(resource)) {
      return;
    }
    resources.add(resource);
  }

  /** Adds an {@code additionalEventData} entry, e.g. {@code keyMaterialId}. */
  public void additional(String name, String value) {
    if (value == null) {
      return;
    }
    if (additional == null) {
      additional = new LinkedHashMap<>(4);
    }
    additional.put(name, value);
  }

  public List<AuditResource> resources() {
    return resources == null ? List.of() : Collections.unmodifiableList(resources);
  }

  public Map<String, String> additionalEventData() {
    return additional == null ? Map.of() : Collections.unmodifiableMap(additional);
  }
}
