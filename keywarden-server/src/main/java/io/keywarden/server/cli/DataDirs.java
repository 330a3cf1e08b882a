package io.keywarden.server.cli;

import java.nio.file.Path;

/** The data directory: {@code --data-dir}, else {@code $KEYWARDEN_DATA_DIR}, else {@code ./keywarden-data}. */
final class DataDirs {
  static final String ENV = "KEYWARDEN_DATA_DIR";
  static final String DEFAULT = "keywarden-data";

  private DataDirs() {}

  static Path resolve(Path given) {
    if (given != null) {
      return given;
    }
    String env = System.getenv(ENV);
    return Path.of(env == null || env.isEmpty() ? DEFAULT : env);
  }
}
