package io.keywarden.server.cli;

import io.keywarden.domain.storage.Storage;
import io.keywarden.domain.trust.UnsealException;
import io.keywarden.server.Installation;
import io.keywarden.server.iam.IdentitiesFile;
import io.keywarden.services.identity.declared.ApplyResult;
import io.keywarden.services.identity.declared.DeclaredIdentities;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code keywarden iam apply FILE}: accounts, users, roles and access keys of a data directory. */
@Command(
    name = "iam",
    description = "Manage IAM users, roles and their access keys (works on the data directory; the"
        + " server may be running and sees changes within a second).",
    mixinStandardHelpOptions = true,
    subcommands = {IamCommand.Apply.class})
public final class IamCommand {

  /** {@code keywarden iam apply}. */
  @Command(
      name = "apply",
      description = {
        "Make the accounts an identities file names hold exactly its users and roles: create and",
        "update what differs, delete what it no longer lists, and print each change. Applying the",
        "same file twice changes nothing. New access keys' secrets are printed once."
      },
      mixinStandardHelpOptions = true)
  static final class Apply implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The identities file (YAML, or JSON if it ends in .json).")
    Path file;

    @Option(names = "--data-dir", description = "Data directory (default: $KEYWARDEN_DATA_DIR or ./keywarden-data).")
    Path dataDir;

    @Option(names = "--passphrase-file", description = "Read the passphrase from this file (else $KEYWARDEN_PASSPHRASE, else ask).")
    Path passphraseFile;

    @Option(names = "--dry-run", description = "Print what would change, and change nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
      DeclaredIdentities declared;
      try {
        declared = IdentitiesFile.read(file);
      } catch (IllegalArgumentException e) {
        System.err.println(e.getMessage());
        return 1;
      }
      Path dir = DataDirs.resolve(dataDir);
      try (Storage storage = Installation.openStorage(dir)) {
        if (!Installation.isInitialized(storage)) {
          System.err.println(dir + " is not initialised; run 'keywarden init' first.");
          return 1;
        }
        char[] passphrase = Passphrases.read(passphraseFile, "Passphrase: ");
        ApplyResult result;
        try {
          result = Installation.applyIdentities(storage, passphrase, declared, dryRun);
        } catch (UnsealException | IllegalArgumentException e) {
          System.err.println(e.getMessage());
          return 1;
        } finally {
          Arrays.fill(passphrase, '\0');
        }
        print(result);
        return 0;
      }
    }

    private void print(ApplyResult result) {
      if (!result.changed()) {
        System.out.println("No changes.");
      }
      result.changes().forEach(System.out::println);
      if (dryRun && result.changed()) {
        System.out.println("(dry run: nothing was changed)");
      }
      for (ApplyResult.Issued issued : result.issued()) {
        char[] secret = issued.key().secretAccessKey();
        try {
          System.out.println("Access key of user " + issued.accountId() + "/" + issued.userName()
              + " (shown only now; keep it safe):");
          System.out.println("  AWS_ACCESS_KEY_ID=" + issued.key().accessKeyId());
          System.out.println("  AWS_SECRET_ACCESS_KEY=" + new String(secret));
        } finally {
          Arrays.fill(secret, '\0');
          issued.key().destroy();
        }
      }
    }
  }
}
