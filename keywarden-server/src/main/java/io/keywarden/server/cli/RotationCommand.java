package io.keywarden.server.cli;

import io.keywarden.domain.storage.Storage;
import io.keywarden.server.Installation;
import io.keywarden.services.secrets.rotation.RotationEndpoints;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code keywarden rotation register|unregister|list}: the HTTP(S) endpoints that run the rotation
 * functions secrets' RotationLambdaARNs name, kept in the data directory (a running server, every node,
 * sees a change at its next rotation). Format and protocol: {@code docs/secrets-rotation.md}.
 */
@Command(
    name = "rotation",
    description = "Register the HTTP(S) endpoints that run Secrets Manager rotation functions (works on"
        + " the data directory; a running server sees changes at its next rotation).",
    mixinStandardHelpOptions = true,
    subcommands = {RotationCommand.Register.class, RotationCommand.Unregister.class,
        RotationCommand.ListFunctions.class})
public final class RotationCommand {

  /** Opens the data directory's settings. */
  abstract static class OnDataDir implements Callable<Integer> {
    @Option(names = "--data-dir", description = "Data directory (default: $KEYWARDEN_DATA_DIR or ./keywarden-data).")
    Path dataDir;

    @Override
    public Integer call() {
      Path dir = DataDirs.resolve(dataDir);
      try (Storage storage = Installation.openStorage(dir)) {
        if (!Installation.isInitialized(storage)) {
          System.err.println(dir + " is not initialised; run 'keywarden init' first.");
          return 1;
        }
        return run(new RotationEndpoints(storage.settings()));
      }
    }

    abstract int run(RotationEndpoints endpoints);
  }

  /** {@code keywarden rotation register ARN URL}. */
  @Command(name = "register", mixinStandardHelpOptions = true,
      description = "Run the rotation function ARN by POSTing each step's event to URL.")
  static final class Register extends OnDataDir {
    @Parameters(index = "0", paramLabel = "ARN", description = "The RotationLambdaARN secrets name.")
    String arn;

    @Parameters(index = "1", paramLabel = "URL", description = "The http(s) endpoint that runs the steps.")
    String url;

    @Override
    int run(RotationEndpoints endpoints) {
      try {
        endpoints.register(arn, url);
      } catch (IllegalArgumentException e) {
        System.err.println(e.getMessage());
        return 1;
      }
      System.out.println("+ rotation function " + arn + " -> " + url);
      return 0;
    }
  }

  /** {@code keywarden rotation unregister ARN}. */
  @Command(name = "unregister", mixinStandardHelpOptions = true,
      description = "Forget the endpoint of rotation function ARN.")
  static final class Unregister extends OnDataDir {
    @Parameters(index = "0", paramLabel = "ARN")
    String arn;

    @Override
    int run(RotationEndpoints endpoints) {
      if (!endpoints.unregister(arn)) {
        System.err.println("No endpoint is registered for " + arn + ".");
        return 1;
      }
      System.out.println("- rotation function " + arn);
      return 0;
    }
  }

  /** {@code keywarden rotation list}. */
  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Print each registered rotation function: ARN, then URL.")
  static final class ListFunctions extends OnDataDir {
    @Override
    int run(RotationEndpoints endpoints) {
      for (Map.Entry<String, String> e : endpoints.all().entrySet()) {
        System.out.println(e.getKey() + "\t" + e.getValue());
      }
      return 0;
    }
  }
}
