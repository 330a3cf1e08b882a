package io.keywarden.server.cli;

import io.keywarden.domain.identity.AccessKeyRecord;
import io.keywarden.domain.storage.Storage;
import io.keywarden.domain.trust.UnsealException;
import io.keywarden.server.Installation;
import io.keywarden.services.identity.IssuedAccessKey;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code keywarden credentials create|list}: access keys of a production data directory. */
@Command(
    name = "credentials",
    description = "Manage access keys (works on the data directory; the server may be running).",
    mixinStandardHelpOptions = true,
    subcommands = {CredentialsCommand.Create.class, CredentialsCommand.ListKeys.class})
public final class CredentialsCommand {

  /** {@code keywarden credentials create}. */
  @Command(
      name = "create",
      description = "Issue an access key for an account root and print it (shown once).",
      mixinStandardHelpOptions = true)
  static final class Create implements Callable<Integer> {
    @Option(names = "--data-dir", description = "Data directory (default: $KEYWARDEN_DATA_DIR or ./keywarden-data).")
    Path dataDir;

    @Option(names = "--account-id", description = "Account (default: the account created by init).")
    String accountId;

    @Option(names = "--passphrase-file", description = "Read the passphrase from this file (else $KEYWARDEN_PASSPHRASE, else ask).")
    Path passphraseFile;

    @Override
    public Integer call() throws Exception {
      Path dir = DataDirs.resolve(dataDir);
      char[] passphrase = Passphrases.read(passphraseFile, "Passphrase: ");
      try (Storage storage = Installation.openStorage(dir)) {
        if (!Installation.isInitialized(storage)) {
          System.err.println(dir + " is not initialised; run 'keywarden init' first.");
          return 1;
        }
        String account = accountId != null ? accountId : Installation.defaultAccount(storage);
        IssuedAccessKey key = Installation.issueAccessKey(storage, passphrase, account);
        char[] secret = key.secretAccessKey();
        try {
          System.out.println("Access key of the root of account " + account + " (shown only now):");
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

  /** {@code keywarden credentials list}. */
  @Command(name = "list", description = "List access key ids of an account.", mixinStandardHelpOptions = true)
  static final class ListKeys implements Callable<Integer> {
    @Option(names = "--data-dir", description = "Data directory (default: $KEYWARDEN_DATA_DIR or ./keywarden-data).")
    Path dataDir;

    @Option(names = "--account-id", description = "Account (default: the account created by init).")
    String accountId;

    @Override
    public Integer call() {
      Path dir = DataDirs.resolve(dataDir);
      try (Storage storage = Installation.openStorage(dir)) {
        if (!Installation.isInitialized(storage)) {
          System.err.println(dir + " is not initialised; run 'keywarden init' first.");
          return 1;
        }
        String account = accountId != null ? accountId : Installation.defaultAccount(storage);
        for (AccessKeyRecord k : storage.accessKeys().list(account)) {
          System.out.println(
              k.accessKeyId() + "  " + k.principalArn() + "  created " + k.createdAt()
                  + (k.active() ? "" : "  (inactive)"));
        }
        return 0;
      }
    }
  }
}
