package io.keywarden.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code keywarden unseal}: unseals a running server with the passphrase. */
@Command(name = "unseal", description = "Unseal a running server with its passphrase.", mixinStandardHelpOptions = true)
public final class UnsealCommand implements Callable<Integer> {
  @Option(names = "--endpoint", description = "Server URL (default: ${DEFAULT-VALUE}).", defaultValue = AdminClient.DEFAULT_ENDPOINT)
  String endpoint;

  @Option(names = "--passphrase-file", description = "Read the passphrase from this file (else $KEYWARDEN_PASSPHRASE, else ask).")
  Path passphraseFile;

  @Option(names = "--insecure", description = "Accept any TLS certificate (a self-signed server).")
  boolean insecure;

  @Override
  public Integer call() throws Exception {
    char[] passphrase = Passphrases.read(passphraseFile, "Passphrase: ");
    String body;
    try {
      body = new ObjectMapper().createObjectNode().put("passphrase", new String(passphrase)).toString();
    } finally {
      Arrays.fill(passphrase, '\0');
    }
    HttpResponse<String> r = new AdminClient(endpoint, insecure).post("_keywarden/unseal", body);
    if (r.statusCode() == 200) {
      System.out.println("Unsealed.");
      return 0;
    }
    System.err.println("Unseal failed (HTTP " + r.statusCode() + "): " + r.body());
    return 1;
  }
}
