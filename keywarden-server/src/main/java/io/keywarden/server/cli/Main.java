package io.keywarden.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code keywarden}: the entry point of the jar. */
@Command(
    name = "keywarden",
    description = "Self-hosted KMS speaking the AWS KMS API.",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    subcommands = {
      ServerCommand.class,
      InitCommand.class,
      UnsealCommand.class,
      SealStatusCommand.class,
      CredentialsCommand.class,
      AuditCommand.class,
      IamCommand.class,
      ExplainCommand.class,
      RotationCommand.class
    })
public final class Main implements Runnable {

  public static void main(String[] args) {
    // Netty's leak detector samples one buffer in 128 and records a stack trace for it: 1-2% of an
    // Encrypt's CPU in the server's perf profile (docs/PERFORMANCE.md). The tests, which start servers
    // in-process, keep it; -Dio.netty.leakDetection.level=simple turns it back on here.
    if (System.getProperty("io.netty.leakDetection.level") == null) {
      System.setProperty("io.netty.leakDetection.level", "disabled");
    }
    int code = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    if (code != 0 || !isServer(args)) {
      System.exit(code);
    }
  }

  private static boolean isServer(String[] args) {
    return args.length > 0 && args[0].equals("server");
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
