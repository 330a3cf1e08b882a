package io.keywarden.services.secrets.rotation.managed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.services.secrets.rotation.RotationFailedException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The database credentials a rotated secret's {@code SecretString} holds, read as AWS's rotation
 * templates read them ({@code get_secret_dict}): a JSON object with {@code engine}, {@code host},
 * {@code username} and {@code password} required, {@code port}, {@code dbname}, {@code masterarn} and
 * {@code ssl} optional; any other member is kept as it is when a new version is made from it.
 *
 * <p>Holds a password: no {@code toString}, no {@code equals}; error messages name members, never
 * their values.
 */
final class DatabaseCredentials {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] REQUIRED = {"host", "username", "password"};
  /** A host name or IPv4 address; an IPv6 address is matched separately and bracketed in URLs. */
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]{1,253}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  /** How a login uses TLS, from the secret's {@code ssl} member (the templates' {@code get_ssl_config}). */
  enum Tls {
    /** {@code ssl} true: TLS with the server's certificate and name verified, nothing else. */
    REQUIRED,
    /** {@code ssl} false: no TLS. */
    DISABLED,
    /** {@code ssl} absent or not a boolean: verified TLS first, then without TLS. */
    PREFERRED;

    /** The JDBC URLs to try, in order, given a dialect's URL with verified TLS and its URL without. */
    List<String> attempts(String verifiedUrl, String plainUrl) {
      switch (this) {
        case REQUIRED:
          return List.of(verifiedUrl);
        case DISABLED:
          return List.of(plainUrl);
        default:
          return List.of(verifiedUrl, plainUrl);
      }
    }
  }

  private final ObjectNode json;

  private DatabaseCredentials(ObjectNode json) {
    this.json = json;
  }

  /**
   * Parses and checks a secret value.
   *
   * @param engine the {@code engine} the rotator serves ({@code postgres}, {@code mysql}, {@code mariadb})
   * @param secretArn the secret's ARN, for messages
   */
  static DatabaseCredentials parse(String secretString, String engine, String secretArn)
      throws RotationFailedException {
    JsonNode node;
    try {
      node = JSON.readTree(secretString);
    } catch (JsonProcessingException e) {
      node = null;
    }
    if (!(node instanceof ObjectNode)) {
      throw new RotationFailedException("The secret value of " + secretArn + " is not a JSON object");
    }
    ObjectNode object = (ObjectNode) node;
    JsonNode engineNode = object.get("engine");
    if (engineNode == null || !engine.equals(engineNode.asText())) {
      throw new RotationFailedException("Database engine must be set to '" + engine
          + "' in order to use this rotation function (secret " + secretArn + ")");
    }
    for (String field : REQUIRED) {
      JsonNode value = object.get(field);
      if (value == null || !value.isTextual() || value.asText().isEmpty()) {
        throw new RotationFailedException(field + " key is missing from secret JSON (secret " + secretArn + ")");
      }
    }
    DatabaseCredentials credentials = new DatabaseCredentials(object);
    if (credentials.urlHost() == null) {
      throw new RotationFailedException("host in the secret JSON is not a host name or address (secret "
          + secretArn + ")");
    }
    if (object.has("port") && credentials.portOrNegative() < 0) {
      throw new RotationFailedException("port in the secret JSON is not a port number (secret " + secretArn + ")");
    }
    return credentials;
  }

  String host() {
    return json.get("host").asText();
  }

  /** The host as a JDBC URL's authority part (an IPv6 address bracketed); null if it is neither a name nor an address. */
  String urlHost() {
    String host = host();
    if (HOST.matcher(host).matches()) {
      return host;
    }
    if (host.contains(":") && IPV6.matcher(host).matches()) {
      return "[" + host + "]";
    }
    return null;
  }

  String username() {
    return json.get("username").asText();
  }

  String password() {
    return json.get("password").asText();
  }

  /** The {@code port} member (a number or a string of digits), or {@code defaultPort} without one. */
  int port(int defaultPort) {
    return json.has("port") ? portOrNegative() : defaultPort;
  }

  private int portOrNegative() {
    JsonNode port = json.get("port");
    String text = port.isNumber() ? port.asText() : port.isTextual() ? port.asText().trim() : "";
    if (!text.matches("[0-9]{1,5}")) {
      return -1;
    }
    int value = Integer.parseInt(text);
    return value >= 1 && value <= 65535 ? value : -1;
  }

  /** The {@code dbname} member, if it is a non-empty string. */
  Optional<String> dbname() {
    JsonNode dbname = json.get("dbname");
    return dbname != null && dbname.isTextual() && !dbname.asText().isEmpty()
        ? Optional.of(dbname.asText())
        : Optional.empty();
  }

  /** The {@code masterarn} member: the secret whose credentials administer users. */
  Optional<String> masterArn() {
    JsonNode arn = json.get("masterarn");
    return arn != null && arn.isTextual() && !arn.asText().isEmpty() ? Optional.of(arn.asText()) : Optional.empty();
  }

  Tls tls() {
    JsonNode ssl = json.get("ssl");
    if (ssl != null && ssl.isBoolean()) {
      return ssl.asBoolean() ? Tls.REQUIRED : Tls.DISABLED;
    }
    if (ssl != null && ssl.isTextual()) {
      if (ssl.asText().equalsIgnoreCase("true")) {
        return Tls.REQUIRED;
      }
      if (ssl.asText().equalsIgnoreCase("false")) {
        return Tls.DISABLED;
      }
    }
    return Tls.PREFERRED;
  }

  /** A copy with another user name and password, every other member kept. */
  DatabaseCredentials withLogin(String username, String password) {
    ObjectNode copy = json.deepCopy();
    copy.put("username", username);
    copy.put("password", password);
    return new DatabaseCredentials(copy);
  }

  /** A copy whose {@code dbname} is {@code dbname}'s (removed if it has none). */
  DatabaseCredentials withDbnameOf(DatabaseCredentials other) {
    ObjectNode copy = json.deepCopy();
    copy.remove("dbname");
    other.dbname().ifPresent(name -> copy.put("dbname", name));
    return new DatabaseCredentials(copy);
  }

  /** A copy whose {@code ssl} member is {@code other}'s (removed if it has none), as the templates do for AWSPREVIOUS. */
  DatabaseCredentials withTlsOf(DatabaseCredentials other) {
    ObjectNode copy = json.deepCopy();
    copy.remove("ssl");
    JsonNode ssl = other.json.get("ssl");
    if (ssl != null) {
      copy.set("ssl", ssl.deepCopy());
    }
    return new DatabaseCredentials(copy);
  }

  /** The JSON to store as a new version's {@code SecretString}. */
  String toJson() {
    try {
      return JSON.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }
}
