package io.keywarden.services.identity.declared;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keywarden.domain.key.Tag;
import io.keywarden.services.identity.declared.DeclaredIdentities.Account;
import io.keywarden.services.identity.declared.DeclaredIdentities.Role;
import io.keywarden.services.identity.declared.DeclaredIdentities.User;
import io.keywarden.services.policy.PolicyParseException;
import io.keywarden.services.policy.PolicyParser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads an identities document (the tree of a JSON or YAML file) into {@link DeclaredIdentities},
 * checking everything before anything is applied: names, paths and tags by IAM's rules ("IAM and AWS
 * STS quotas", the IAM API's patterns), every policy with Keywarden's policy parser, no name or access
 * key declared twice, no unknown field (a misspelt field would otherwise be silently ignored).
 *
 * @throws IllegalArgumentException naming the account, user or role and what is wrong
 */
public final class IdentitiesDocument {
  static final int DEFAULT_MAX_SESSION_SECONDS = 3600;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
  private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
  private static final Pattern POLICY_NAME = Pattern.compile("[\\w+=,.@-]{1,128}");
  private static final Pattern PATH = Pattern.compile("/|/[\\u0021-\\u007E]{1,510}/");
  private static final Pattern TAG_KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}");
  private static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{0,256}");
  private static final int MAX_TAGS = 50;

  private static final Set<String> TOP = Set.of("accounts");
  private static final Set<String> ACCOUNT = Set.of("id", "users", "roles");
  private static final Set<String> USER =
      Set.of("name", "path", "tags", "policies", "accessKeys", "createAccessKey");
  private static final Set<String> ROLE =
      Set.of("name", "path", "trustPolicy", "maxSessionDuration", "tags", "policies");
  private static final Set<String> KEY = Set.of("accessKeyId", "secretAccessKey", "active");

  private IdentitiesDocument() {}

  public static DeclaredIdentities parse(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("an identities file is a map with an 'accounts' list");
    }
    fields(root, TOP, "the file");
    List<Account> accounts = new ArrayList<>();
    Set<String> accountIds = new HashSet<>();
    Set<String> keyIds = new HashSet<>();
    for (JsonNode a : list(root, "accounts", "the file")) {
      String id = a.isObject() ? text(a, "id", "an account") : null;
      if (id == null || !ACCOUNT_ID.matcher(id).matches()) {
        throw new IllegalArgumentException("each account needs an 'id' of 12 digits, as a string");
      }
      String where = "account " + id;
      fields(a, ACCOUNT, where);
      if (!accountIds.add(id)) {
        throw new IllegalArgumentException(where + " is declared twice");
      }
      accounts.add(new Account(id, users(a, where, keyIds), roles(a, where)));
    }
    return new DeclaredIdentities(accounts);
  }

  private static List<User> users(JsonNode account, String where, Set<String> keyIds) {
    List<User> users = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (JsonNode u : list(account, "users", where)) {
      String name = name(u, where + ": a user");
      String at = where + ", user " + name;
      fields(u, USER, at);
      if (!names.add(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(at + " is declared twice (IAM names ignore case)");
      }
      List<DeclaredAccessKey> keys = null;
      if (u.has("accessKeys")) {
        keys = new ArrayList<>();
        for (JsonNode k : list(u, "accessKeys", at)) {
          keys.add(accessKey(k, at, keyIds));
        }
      }
      boolean create = bool(u, "createAccessKey", at);
      if (create && keys != null) {
        throw new IllegalArgumentException(
            at + ": 'createAccessKey' and 'accessKeys' exclude each other (with 'accessKeys' the"
                + " file lists every key of the user)");
      }
      users.add(new User(name, path(u, at), tags(u, at), policies(u, at), keys, create));
    }
    return users;
  }

  private static List<Role> roles(JsonNode account, String where) {
    List<Role> roles = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (JsonNode r : list(account, "roles", where)) {
      String name = name(r, where + ": a role");
      String at = where + ", role " + name;
      fields(r, ROLE, at);
      if (!names.add(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(at + " is declared twice (IAM names ignore case)");
      }
      JsonNode trust = r.get("trustPolicy");
      if (trust == null || trust.isNull()) {
        throw new IllegalArgumentException(at + ": 'trustPolicy' is required");
      }
      int max = DEFAULT_MAX_SESSION_SECONDS;
      if (r.has("maxSessionDuration")) {
        JsonNode m = r.get("maxSessionDuration");
        if (!m.canConvertToInt() || !m.isIntegralNumber() || m.asInt() < 3600 || m.asInt() > 43200) {
          throw new IllegalArgumentException(
              at + ": 'maxSessionDuration' is a number of seconds from 3600 to 43200");
        }
        max = m.asInt();
      }
      roles.add(new Role(name, path(r, at), policy(trust, PolicyParser.Kind.TRUST, at + ", trust policy"),
          max, tags(r, at), policies(r, at)));
    }
    return roles;
  }

  private static DeclaredAccessKey accessKey(JsonNode k, String at, Set<String> keyIds) {
    if (!k.isObject()) {
      throw new IllegalArgumentException(at + ": each access key is a map with 'accessKeyId'");
    }
    fields(k, KEY, at + ", access key");
    String id = text(k, "accessKeyId", at + ", access key");
    if (id == null || !id.matches("[A-Z0-9]{16,128}")) {
      throw new IllegalArgumentException(
          at + ": 'accessKeyId' is 16 to 128 capital letters and digits");
    }
    if (!keyIds.add(id)) {
      throw new IllegalArgumentException(at + ": access key " + id + " is declared twice");
    }
    String secret = text(k, "secretAccessKey", at + ", access key " + id);
    if (secret != null && !secret.matches("[\\x21-\\x7e]{16,128}")) {
      throw new IllegalArgumentException(at + ", access key " + id
          + ": 'secretAccessKey' is 16 to 128 printable ASCII characters without spaces");
    }
    boolean active = !k.has("active") || bool(k, "active", at + ", access key " + id);
    return new DeclaredAccessKey(id, secret == null ? null : secret.toCharArray(), active);
  }

  private static String name(JsonNode n, String what) {
    String name = n.isObject() ? text(n, "name", what) : null;
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(what + " needs a 'name' of 1 to 64 letters, digits and +=,.@_-"
          + (name == null ? "" : " (not '" + name + "')"));
    }
    return name;
  }

  private static String path(JsonNode n, String at) {
    String path = text(n, "path", at);
    if (path == null) {
      return "/";
    }
    if (!PATH.matcher(path).matches()) {
      throw new IllegalArgumentException(
          at + ": 'path' is '/' or begins and ends with '/' (printable ASCII), not '" + path + "'");
    }
    return path;
  }

  /** Tags as a map of key to value, in the file's order; keys unique without case, as IAM's are. */
  private static List<Tag> tags(JsonNode n, String at) {
    JsonNode t = n.get("tags");
    if (t == null || t.isNull()) {
      return List.of();
    }
    if (!t.isObject()) {
      throw new IllegalArgumentException(at + ": 'tags' is a map of tag keys to values");
    }
    if (t.size() > MAX_TAGS) {
      throw new IllegalArgumentException(at + ": at most " + MAX_TAGS + " tags");
    }
    List<Tag> tags = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = t.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String value = e.getValue().isNull() ? "" : e.getValue().asText();
      if (!TAG_KEY.matcher(e.getKey()).matches() || !TAG_VALUE.matcher(value).matches()
          || !e.getValue().isValueNode()) {
        throw new IllegalArgumentException(at + ": tag '" + e.getKey()
            + "' must have a key of 1 to 128 and a value of 0 to 256 letters, digits, spaces and _.:/=+-@");
      }
      if (!seen.add(e.getKey().toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(at + ": tag '" + e.getKey()
            + "' is given twice (tag keys ignore case)");
      }
      tags.add(new Tag(e.getKey(), value));
    }
    return tags;
  }

  /** Inline policies by name; each a policy document (a map) or its JSON text. */
  private static Map<String, String> policies(JsonNode n, String at) {
    JsonNode p = n.get("policies");
    if (p == null || p.isNull()) {
      return Map.of();
    }
    if (!p.isObject()) {
      throw new IllegalArgumentException(at + ": 'policies' is a map of policy names to documents");
    }
    Map<String, String> out = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!POLICY_NAME.matcher(e.getKey()).matches()) {
        throw new IllegalArgumentException(at + ": policy name '" + e.getKey()
            + "' must be 1 to 128 letters, digits and +=,.@_-");
      }
      out.put(e.getKey(),
          policy(e.getValue(), PolicyParser.Kind.IDENTITY, at + ", policy " + e.getKey()));
    }
    return out;
  }

  /** The policy as compact JSON (so that applying twice compares equal), checked by the parser. */
  private static String policy(JsonNode doc, PolicyParser.Kind kind, String at) {
    JsonNode tree = doc;
    if (doc.isTextual()) {
      try {
        tree = JSON.readTree(doc.asText());
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(at + ": not valid JSON");
      }
    }
    if (tree == null || !tree.isObject()) {
      throw new IllegalArgumentException(at + ": a policy is a map (or its JSON text)");
    }
    String json;
    try {
      json = JSON.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(at + ": " + e.getOriginalMessage());
    }
    try {
      PolicyParser.parse(json, kind);
    } catch (PolicyParseException e) {
      throw new IllegalArgumentException(at + ": " + e.getMessage());
    }
    return json;
  }

  private static void fields(JsonNode n, Set<String> allowed, String at) {
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        throw new IllegalArgumentException(at + ": unknown field '" + f + "' (known: "
            + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
      }
    }
  }

  private static List<JsonNode> list(JsonNode n, String field, String at) {
    JsonNode l = n.get(field);
    if (l == null || l.isNull()) {
      return List.of();
    }
    if (!l.isArray()) {
      throw new IllegalArgumentException(at + ": '" + field + "' must be a list");
    }
    List<JsonNode> out = new ArrayList<>();
    l.forEach(out::add);
    return out;
  }

  private static String text(JsonNode n, String field, String at) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isValueNode() || v.isBoolean()) {
      throw new IllegalArgumentException(at + ": '" + field + "' must be text");
    }
    return v.asText();
  }

  private static boolean bool(JsonNode n, String field, String at) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw new IllegalArgumentException(at + ": '" + field + "' must be true or false");
    }
    return v.asBoolean();
  }
}
