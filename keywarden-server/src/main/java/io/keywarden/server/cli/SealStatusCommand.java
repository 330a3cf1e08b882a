package io.keywarden.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code keywarden seal-status}: prints whether a server is sealed; exit code 0 unsealed, 2 sealed. */
@Command(
    name = "seal-status",
    description = "Show whether a running server is sealed. Exit code: 0 unsealed, 2 sealed, 1 error.",
    mixinStandardHelpOptions = true)
public final class SealStatusCommand implements Callable<Integer> {
  @Option(names = "--endpoint", description = "Server URL (default: ${DEFAULT-VALUE}).", defaultValue = AdminClient.DEFAULT_ENDPOINT)
  String endpoint;

  @Option(names = "--insecure", description = "Accept any TLS certificate (a self-signed server).")
  boolean insecure;

  @Override
  public Integer call() throws Exception {
    HttpResponse<String> r = new AdminClient(endpoint, insecure).get("_keywarden/health");
    if (r.statusCode() != 200) {
      System.err.println("Health check failed (HTTP " + r.statusCode() + "): " + r.body());
      return 1;
    }
    JsonNode h = new ObjectMapper().readTree(r.body());
    boolean sealed = h.path("sealed").asBoolean(true);
    System.out.println("sealed: " + sealed);
    System.out.println("mode: " + (h.path("dev").asBoolean() ? "dev" : "production"));
    System.out.println("version: " + h.path("version").asText());
    return sealed ? 2 : 0;
  }
}
