package io.keywarden.server.cli;

import picocli.CommandLine.IVersionProvider;

/** The jar's Implementation-Version. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {"keywarden " + (v == null ? "dev" : v)};
  }
}
