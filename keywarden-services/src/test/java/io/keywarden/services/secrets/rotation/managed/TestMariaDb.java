package io.keywarden.services.secrets.rotation.managed;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A throw-away MariaDB server: the distribution's {@code mariadbd} (Debian package {@code
 * mariadb-server}, which {@code .ci/run} installs) with its own data directory under a temp directory,
 * on a free loopback port, {@code root} without a password over TCP. Other users log in with their
 * password.
 */
final class TestMariaDb implements AutoCloseable {
  private static final Path SERVER = Path.of("/usr/sbin/mariadbd");
  private static final Path INSTALL_DB = Path.of("/usr/bin/mariadb-install-db");

  private final Path dir;
  private final Process process;
  private final int port;

  private TestMariaDb(Path dir, Process process, int port) {
    this.dir = dir;
    this.process = process;
    this.port = port;
  }

  /** Whether the server binaries are installed. */
  static boolean installed() {
    return Files.isExecutable(SERVER) && Files.isExecutable(INSTALL_DB);
  }

  static TestMariaDb start() throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("keywarden-mariadb");
    List<String> install = new ArrayList<>(List.of(INSTALL_DB.toString(), "--no-defaults",
        "--datadir=" + dir.resolve("data"), "--auth-root-authentication-method=normal", "--skip-test-db"));
    asRoot(install);
    Process installing = new ProcessBuilder(install).redirectErrorStream(true)
        .redirectOutput(dir.resolve("install.log").toFile()).start();
    if (installing.waitFor() != 0) {
      throw new IOException("mariadb-install-db failed: " + Files.readString(dir.resolve("install.log")));
    }
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    List<String> server = new ArrayList<>(List.of(SERVER.toString(), "--no-defaults",
        "--datadir=" + dir.resolve("data"), "--port=" + port, "--bind-address=127.0.0.1",
        "--socket=" + dir.resolve("mariadb.sock"), "--pid-file=" + dir.resolve("mariadb.pid"), "--skip-log-bin"));
    asRoot(server);
    Process process = new ProcessBuilder(server).redirectErrorStream(true)
        .redirectOutput(dir.resolve("server.log").toFile()).start();
    TestMariaDb db = new TestMariaDb(dir, process, port);
    db.awaitReady();
    return db;
  }

  private static void asRoot(List<String> command) {
    if ("root".equals(System.getProperty("user.name"))) {
      command.add("--user=root");
    }
  }

  /** Waits until root can log in (the server takes a few seconds to open its port). */
  private void awaitReady() throws IOException, InterruptedException {
    for (int attempt = 0; attempt < 600; attempt++) {
      if (!process.isAlive()) {
        throw new IOException("mariadbd exited: " + Files.readString(dir.resolve("server.log")));
      }
      try (Connection c = root()) {
        return;
      } catch (SQLException notYet) {
        Thread.sleep(100);
      }
    }
    close();
    throw new IOException("mariadbd did not accept logins");
  }

  int port() {
    return port;
  }

  Connection root() throws SQLException {
    return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/?sslMode=disable", "root", "");
  }

  void execute(String sql) throws SQLException {
    try (Connection c = root(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** Logs in over TCP as {@code user}; the SQL state of the failure, or null if the login worked. */
  String loginFailure(String user, String password) {
    try (Connection c = login(user, password)) {
      return null;
    } catch (SQLException e) {
      return e.getSQLState();
    }
  }

  Connection login(String user, String password) throws SQLException {
    return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/?sslMode=disable", user, password);
  }

  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
