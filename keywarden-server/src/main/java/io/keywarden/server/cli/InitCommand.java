package io.keywarden.server.cli;

import io.keywarden.domain.storage.Storage;
import io.keywarden.domain.trust.UnsealException;
import io.keywarden.server.Installation;
import io.keywarden.services.identity.IssuedAccessKey;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code keywarden init}: creates and seals a data directory, and prints the first access key once. */
@Command(
    name = "init",
    description = {
      "Create a data directory for production mode, seal it with a passphrase, and print an",
      "access key for the account root (shown once)."
    },
    mixinStandardHelpOptions = true)
public final class InitCommand implements Callable<Integer> {
  @Option(names = "--data-dir", description = "Data directory (default: $KEYWARDEN_DATA_DIR or ./keywarden-data).")
  Path dataDir;

  @Option(names = "--account-id", description = "The 12-digit account id (default: random).")
  String accountId;

  @Option(names = "--passphrase-file", description = "Read the passphrase from this file (else $KEYWARDEN_PASSPHRASE, else ask).")
  Path passphraseFile;

  @Override
  public Integer call() throws Exception {
    Path dir = DataDirs.resolve(dataDir);
    if (accountId != null && !accountId.matches("\\d{12}")) {
      System.err.println("--account-id must be 12 digits");
      return 2;
    }
    char[] passphrase = Passphrases.readNew(passphraseFile);
    try (Storage storage = Installation.openStorage(dir)) {
      if (Installation.isInitialized(storage)) {
        System.err.println(dir + " is already initialised.");
        return 1;
      }
      String account = accountId != null ? accountId : Installation.randomAccountId();
      IssuedAccessKey key = Installation.initialize(storage, passphrase, account);
      char[] secret = key.secretAccessKey();
      try {
        System.out.println("Initialised " + dir.toAbsolutePath() + ", sealed with your passphrase.");
        System.out.println("Account: " + account);
        System.out.println("Access key of the account root (shown only now; keep it safe):");
        System.out.println("  AWS_ACCESS_KEY_ID=" + key.accessKeyId());
        System.out.println("  AWS_SECRET_ACCESS_KEY=" + new String(secret));
      } finally {
        Arrays.fill(secret, '\0');
        key.destroy();
      }
      return 0;
    } catch (UnsealException e) {
      System.err.println(e.getMessage());
      return 1;
    } finally {
      Arrays.fill(passphrase, '\0');
    }
  }
}
