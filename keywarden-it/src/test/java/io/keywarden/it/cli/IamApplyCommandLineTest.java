package io.keywarden.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keywarden iam apply} of the shaded jar on a production data directory: a dry run, the
 * changes printed, an issued key's secret shown once, nothing changed the second time, and a running
 * server that sees users come and go; {@code --identities} refused outside dev mode.
 */
class IamApplyCommandLineTest {
  private static final String ACCOUNT = "111122223333";
  private static final Pattern ACCESS_KEY_ID = Pattern.compile("AWS_ACCESS_KEY_ID=(\\S+)");
  private static final Pattern SECRET = Pattern.compile("AWS_SECRET_ACCESS_KEY=(\\S+)");
  private static final Duration PROPAGATION = Duration.ofSeconds(15);

  @TempDir Path dir;

  private static final String FILE = String.join("\n",
      "accounts:",
      "  - id: \"" + ACCOUNT + "\"",
      "    users:",
      "      - name: ci",
      "        createAccessKey: true",
      "        tags: {team: build}",
      "      - name: alice",
      "        accessKeys:",
      "          - {accessKeyId: AKIAALICE00000000001, secretAccessKey: alice-secret-for-tests-0001}",
      "    roles:",
      "      - name: deploy",
      "        trustPolicy:",
      "          Version: \"2012-10-17\"",
      "          Statement:",
      "            - {Effect: Allow, Principal: {AWS: \"arn:aws:iam::" + ACCOUNT + ":user/ci\"}, Action: sts:AssumeRole}",
      "");

  @Test
  void apply_dryRunThenApplyThenNothing_andARunningServerFollows() throws Exception {
    Path data = dir.resolve("data");
    Path passphrase = dir.resolve("passphrase");
    Files.writeString(passphrase, "correct horse battery staple\n");
    Path identities = dir.resolve("identities.yaml");
    Files.writeString(identities, FILE);
    Subprocess.Result init = KeywardenCommand.run("init", "--data-dir", data.toString(),
        "--passphrase-file", passphrase.toString(), "--account-id", ACCOUNT);
    assertEquals(0, init.exitCode(), init::describe);

    Subprocess.Result dry = apply(identities, data, passphrase, "--dry-run");
    assertEquals(0, dry.exitCode(), dry::describe);
    assertEquals(List.of(
        "+ user " + ACCOUNT + "/ci",
        "+ access key (issued) of user " + ACCOUNT + "/ci",
        "+ user " + ACCOUNT + "/alice",
        "+ access key AKIAALICE00000000001 of user " + ACCOUNT + "/alice",
        "+ role " + ACCOUNT + "/deploy",
        "(dry run: nothing was changed)"), dry.stdout().lines().toList());

    Subprocess.Result applied = apply(identities, data, passphrase);
    assertEquals(0, applied.exitCode(), applied::describe);
    assertTrue(applied.stdout().contains("+ role " + ACCOUNT + "/deploy"), applied::describe);
    assertTrue(applied.stdout().contains("Access key of user " + ACCOUNT + "/ci (shown only now"),
        applied::describe);
    Map<String, String> ci = credentials(applied);

    Subprocess.Result again = apply(identities, data, passphrase);
    assertEquals(0, again.exitCode(), again::describe);
    assertEquals("No changes.", again.stdout().strip(), again::describe);

    AwsCli cli = AwsCli.v1();
    try (ServerProcess server = ServerProcess.start("--data-dir", data.toString(), "--port", "0",
        "--passphrase-file", passphrase.toString())) {
      URI endpoint = server.awaitListening(KeywardenCommandLineTest.START_TIMEOUT);
      assertEquals("arn:aws:iam::" + ACCOUNT + ":user/ci",
          KeywardenCommandLineTest.ok(sts(cli, endpoint, ci, "get-caller-identity", "--query", "Arn",
              "--output", "text")));

      Files.writeString(identities, FILE.replaceAll("(?s)      - name: ci\n.*?(?=      - name: alice)", ""));
      Subprocess.Result removed = apply(identities, data, passphrase);
      assertEquals(0, removed.exitCode(), removed::describe);
      assertTrue(removed.stdout().contains("- user " + ACCOUNT + "/ci and its 1 access key(s)"),
          removed::describe);

      long deadline = System.nanoTime() + PROPAGATION.toNanos();
      Subprocess.Result refused;
      do {
        refused = sts(cli, endpoint, ci, "get-caller-identity");
      } while (refused.exitCode() == 0 && System.nanoTime() < deadline);
      assertEquals(255, refused.exitCode(), refused::describe);
      assertTrue(refused.stderr().contains("(InvalidClientTokenId)"), refused::describe);
    }

    Subprocess.Result devOnly = KeywardenCommand.run("server", "--data-dir", data.toString(),
        "--identities", identities.toString());
    assertEquals(2, devOnly.exitCode(), devOnly::describe);
    assertTrue(devOnly.stderr().contains("'keywarden iam apply FILE'"), devOnly::describe);
  }

  @Test
  void invalidFile_isRefusedWithWhereAndWhy() throws Exception {
    Path identities = dir.resolve("bad.yaml");
    Files.writeString(identities, "accounts:\n  - id: \"" + ACCOUNT + "\"\n    users:\n      - name: ci\n        tag: {a: b}\n");
    Subprocess.Result r = KeywardenCommand.run("iam", "apply", identities.toString(), "--data-dir",
        dir.resolve("never-made").toString());
    assertEquals(1, r.exitCode(), r::describe);
    assertTrue(r.stderr().contains("account " + ACCOUNT + ", user ci: unknown field 'tag'"), r::describe);
  }

  private static Subprocess.Result apply(Path file, Path data, Path passphrase, String... more) {
    List<String> args = new ArrayList<>(List.of("iam", "apply", file.toString(), "--data-dir",
        data.toString(), "--passphrase-file", passphrase.toString()));
    args.addAll(List.of(more));
    return KeywardenCommand.run(args.toArray(String[]::new));
  }

  private Subprocess.Result sts(AwsCli cli, URI endpoint, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(List.of(cli.executable().toString(), "sts"));
    command.addAll(List.of(args));
    command.addAll(List.of("--endpoint-url", endpoint.toString()));
    return Subprocess.run(command, env, Duration.ofSeconds(60));
  }

  private Map<String, String> credentials(Subprocess.Result printed) {
    Matcher id = ACCESS_KEY_ID.matcher(printed.stdout());
    Matcher secret = SECRET.matcher(printed.stdout());
    assertTrue(id.find() && secret.find(), printed::describe);
    return AwsCli.environment(id.group(1), secret.group(1), dir);
  }
}
