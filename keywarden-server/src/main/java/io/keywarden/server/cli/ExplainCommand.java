package io.keywarden.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code keywarden explain}: asks a running server's ExplainKeyAccess (docs/explain.md) whether a
 * principal may perform a KMS action on a key, signing the call with SigV4 for {@code kms} with the
 * caller's AWS credentials, and prints the decision and what decided it. Exit code: 0 allowed, 1
 * denied, 2 anything else (usage, no credentials, the server's errors).
 */
@Command(
    name = "explain",
    description = {
      "Explain whether a principal may perform a KMS action on a key: the decision, AWS's denial"
          + " message, and the key policy statements, IAM policy statements and grant that decided.",
      "",
      "Signs with your AWS credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN,"
          + " or --profile); you need keywarden:ExplainKeyAccess (the account root has it).",
      "",
      "Exit code: 0 allowed, 1 denied, 2 error."
    },
    mixinStandardHelpOptions = true)
public final class ExplainCommand implements Callable<Integer> {
  static final int ALLOWED = 0;
  static final int DENIED = 1;
  static final int ERROR = 2;
  static final String TARGET = "Keywarden.ExplainKeyAccess";
  private static final String CONTEXT_PREFIX = "kms:encryptioncontext:";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  /** Where credentials come from: the environment and the home directory (tests give their own). */
  Map<String, String> env = System.getenv();

  /** The home directory of {@code ~/.aws}: {@code $HOME} as the AWS CLI takes it, else Java's. */
  Path home;

  @Option(names = "--endpoint", description = "Server URL (default: ${DEFAULT-VALUE}).",
      defaultValue = AdminClient.DEFAULT_ENDPOINT)
  String endpoint;

  @Option(names = "--principal", required = true, paramLabel = "ARN",
      description = "arn:aws:iam::ACCOUNT:root, ...:user/NAME, ...:role/NAME or arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION.")
  String principal;

  @Option(names = "--action", required = true, description = "The KMS action, e.g. kms:Decrypt.")
  String action;

  @Option(names = "--key", paramLabel = "KEY",
      description = "Key id, key ARN, alias name or alias ARN (omit for kms:CreateKey, ListKeys, ListAliases, GenerateRandom).")
  String key;

  @Option(names = "--context", paramLabel = "KEY=VALUE",
      description = "A condition key of the request (repeat; a key given twice has several values). "
          + "kms:EncryptionContext:NAME=VALUE sets the encryption context.")
  List<String> context = new ArrayList<>();

  @Option(names = "--encryption-context", paramLabel = "NAME=VALUE", description = "An encryption context pair (repeat).")
  List<String> encryptionContext = new ArrayList<>();

  @Option(names = "--grant-token", paramLabel = "TOKEN", description = "A grant token of the request (repeat).")
  List<String> grantTokens = new ArrayList<>();

  @Option(names = "--session-tag", paramLabel = "KEY=VALUE",
      description = "A session tag of a role session (repeat); overrides the role's tag of that key.")
  List<String> sessionTags = new ArrayList<>();

  @Option(names = "--session-name", description = "For a role ARN, the session's name (default keywarden-explain).")
  String sessionName;

  @Option(names = "--source-ip", paramLabel = "IP", description = "aws:SourceIp (default: your address as the server sees it).")
  String sourceIp;

  @Option(names = "--secure-transport", arity = "1", paramLabel = "true|false",
      description = "aws:SecureTransport (default: whether this call uses TLS).")
  Boolean secureTransport;

  @Option(names = "--via-service", paramLabel = "SERVICE",
      description = "kms:ViaService, e.g. secretsmanager or secretsmanager.us-east-1.amazonaws.com.")
  String viaService;

  @Option(names = "--region", description = "Region (default: $AWS_REGION, $AWS_DEFAULT_REGION, the profile's, us-east-1).")
  String region;

  @Option(names = "--profile", description = "Credentials of this profile in ~/.aws/credentials (else the environment's).")
  String profile;

  @Option(names = "--json", description = "Print the server's answer as JSON.")
  boolean json;

  @Option(names = "--insecure", description = "Accept any TLS certificate (a self-signed server).")
  boolean insecure;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    AwsCredentials credentials = null;
    try {
      byte[] body = JSON.writeValueAsBytes(request());
      credentials = AwsCredentials.resolve(profile, env, home())
          .inRegion(region);
      AdminClient client = new AdminClient(endpoint, insecure);
      Map<String, String> headers =
          SigV4Signer.sign(credentials, "kms", client.endpoint(), TARGET, body, Instant.now());
      HttpResponse<String> r = client.post("/", body, headers);
      JsonNode answer = r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
      if (r.statusCode() != 200) {
        err.println("keywarden explain: " + answer.path("__type").asText("HTTP " + r.statusCode()) + ": "
            + answer.path("message").asText(answer.path("Message").asText("")));
        return ERROR;
      }
      out.print(json ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer) + "\n"
          : ExplanationText.render(answer));
      out.flush();
      return "Allowed".equals(answer.path("Decision").asText()) ? ALLOWED : DENIED;
    } catch (IllegalArgumentException e) {
      err.println("keywarden explain: " + e.getMessage());
      return ERROR;
    } catch (IOException e) {
      err.println("keywarden explain: cannot reach " + endpoint + ": " + e);
      return ERROR;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ERROR;
    } catch (Exception e) {
      err.println("keywarden explain: " + e);
      return ERROR;
    } finally {
      if (credentials != null) {
        credentials.destroy();
      }
    }
  }

  private Path home() {
    if (home != null) {
      return home;
    }
    String h = env.get("HOME");
    return h != null && !h.isBlank() ? Path.of(h) : Path.of(System.getProperty("user.home"));
  }

  /** The ExplainKeyAccess request of the options. */
  ObjectNode request() {
    ObjectNode in = JSON.createObjectNode();
    in.put("PrincipalArn", principal);
    in.put("Action", action);
    if (key != null) {
      in.put("KeyId", key);
    }
    Map<String, String> ec = new LinkedHashMap<>(pairs("--encryption-context", encryptionContext));
    Map<String, List<String>> keys = new LinkedHashMap<>();
    for (String pair : context) {
      String[] kv = pair("--context", pair);
      if (kv[0].toLowerCase(Locale.ROOT).startsWith(CONTEXT_PREFIX)) {
        ec.put(kv[0].substring(CONTEXT_PREFIX.length()), kv[1]);
      } else {
        keys.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(kv[1]);
      }
    }
    if (!ec.isEmpty()) {
      ObjectNode o = in.putObject("EncryptionContext");
      ec.forEach(o::put);
    }
    if (!keys.isEmpty()) {
      ObjectNode o = in.putObject("ContextKeys");
      keys.forEach((k, v) -> v.forEach(o.putArray(k)::add));
    }
    if (!grantTokens.isEmpty()) {
      grantTokens.forEach(in.putArray("GrantTokens")::add);
    }
    Map<String, String> tags = pairs("--session-tag", sessionTags);
    if (!tags.isEmpty()) {
      ObjectNode o = in.putObject("SessionTags");
      tags.forEach(o::put);
    }
    if (sessionName != null) {
      in.put("RoleSessionName", sessionName);
    }
    if (sourceIp != null) {
      in.put("SourceIp", sourceIp);
    }
    if (secureTransport != null) {
      in.put("SecureTransport", secureTransport);
    }
    if (viaService != null) {
      in.put("ViaService", viaService);
    }
    return in;
  }

  private static Map<String, String> pairs(String option, List<String> values) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String v : values) {
      String[] kv = pair(option, v);
      out.put(kv[0], kv[1]);
    }
    return out;
  }

  private static String[] pair(String option, String value) {
    int eq = value.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException(option + " takes KEY=VALUE, not '" + value + "'");
    }
    return new String[] {value.substring(0, eq), value.substring(eq + 1)};
  }
}
