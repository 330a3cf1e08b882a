package io.keywarden.server;

/** Keywarden's version, from the jar manifest (or "dev" when run from classes). */
final class Version {
  private Version() {}

  private static final String CURRENT = read();

  /** Read once: health is asked on every API call. */
  static String current() {
    return CURRENT;
  }

  private static String read() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
