package io.keywarden.services.secrets.rotation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.storage.SettingsRepository;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The HTTP(S) rotation functions registered for Lambda ARNs, kept in the installation's settings
 * ({@value #SETTING}: a JSON object of ARN to URL) so that every node, and a server already running,
 * sees a registration made by {@code keywarden rotation register} at its next rotation.
 */
public final class RotationEndpoints {
  /** The setting that holds the registrations. */
  public static final String SETTING = "secretsmanager.rotation-endpoints";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SettingsRepository settings;

  public RotationEndpoints(SettingsRepository settings) {
    this.settings = settings;
  }

  /** The endpoint registered for {@code lambdaArn}, if any. */
  public Optional<URI> find(String lambdaArn) {
    return Optional.ofNullable(all().get(lambdaArn)).map(URI::create);
  }

  /** Every registration, by ARN. */
  public Map<String, String> all() {
    Map<String, String> out = new TreeMap<>();
    settings.get(SETTING).ifPresent(bytes -> {
      try {
        JSON.readTree(new String(bytes, StandardCharsets.UTF_8)).fields()
            .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("setting " + SETTING + " is not valid JSON", e);
      }
    });
    return out;
  }

  /**
   * Registers (or replaces) the endpoint of {@code lambdaArn}.
   *
   * @throws IllegalArgumentException if {@code url} is not an absolute http or https URL
   */
  public void register(String lambdaArn, String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a URL: " + url, e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new IllegalArgumentException("not an http or https URL: " + url);
    }
    if (lambdaArn == null || lambdaArn.isEmpty() || lambdaArn.length() > 2048) {
      throw new IllegalArgumentException("a rotation function ARN has 1 to 2048 characters");
    }
    Map<String, String> all = all();
    all.put(lambdaArn, uri.toString());
    save(all);
  }

  /** @return whether {@code lambdaArn} was registered */
  public boolean unregister(String lambdaArn) {
    Map<String, String> all = all();
    if (all.remove(lambdaArn) == null) {
      return false;
    }
    save(all);
    return true;
  }

  private void save(Map<String, String> all) {
    ObjectNode doc = JSON.createObjectNode();
    all.forEach(doc::put);
    settings.put(SETTING, doc.toString().getBytes(StandardCharsets.UTF_8));
  }
}
