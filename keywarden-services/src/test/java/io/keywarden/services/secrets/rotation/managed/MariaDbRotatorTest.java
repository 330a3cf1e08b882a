package io.keywarden.services.secrets.rotation.managed;

import static io.keywarden.services.secrets.rotation.managed.PostgresRotatorTest.assertNoPassword;
import static io.keywarden.services.secrets.rotation.managed.RotationHarness.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.services.secrets.rotation.RotationEvent;
import io.keywarden.services.secrets.rotation.RotationFailedException;
import io.keywarden.services.secrets.rotation.RotationFunction;
import io.keywarden.services.secrets.rotation.RotationStep;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MariaDB rotators (and the MySQL one, which speaks the same SQL) against a real MariaDB server
 * and the real Secrets Manager. Skipped where {@code mariadb-server} is not installed ({@code
 * .ci/run} installs it).
 */
class MariaDbRotatorTest {
  private static final String DATABASE = "kwdb";
  private static TestMariaDb db;
  private static RotationHarness sm;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(TestMariaDb.installed(), "mariadb-server is not installed");
    db = TestMariaDb.start();
    db.execute("CREATE DATABASE " + DATABASE);
    db.execute("CREATE TABLE " + DATABASE + ".t (v INT)");
    db.execute("INSERT INTO " + DATABASE + ".t VALUES (42)");
    sm = new RotationHarness();
  }

  @AfterAll
  static void stop() throws Exception {
    if (sm != null) {
      sm.close();
    }
    if (db != null) {
      db.close();
    }
  }

  private static RotationFunction rotator(String functionName) {
    return sm.rotator(functionName);
  }

  private static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
  }

  private static ObjectNode credentials(String engine, String user, String password) {
    return JSON.createObjectNode().put("engine", engine).put("host", "127.0.0.1").put("port", db.port())
        .put("dbname", DATABASE).put("username", user).put("password", password);
  }

  /** A user who may read {@code kwdb}; the password is bound, the name is generated. */
  private static void createUser(String user, String password, String grant) throws SQLException {
    try (Connection c = db.root()) {
      try (var s = c.prepareStatement("CREATE USER ? IDENTIFIED BY ?")) {
        s.setString(1, user);
        s.setString(2, password);
        s.execute();
      }
      try (Statement s = c.createStatement()) {
        s.execute(grant + " TO '" + user + "'@'%'");
      }
    }
  }

  private static int select(String user, String password) throws SQLException {
    try (Connection c = db.login(user, password); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT v FROM " + DATABASE + ".t")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void singleUser_newPasswordWorks_oldOneStops() throws Exception {
    String user = unique("app_");
    createUser(user, "Initial-Pass-1", "GRANT SELECT ON " + DATABASE + ".*");
    String arn = sm.createSecret(unique("maria/single/"), credentials("mariadb", user, "Initial-Pass-1").toString());

    String token = RotationHarness.rotate(rotator(ManagedRotators.MARIADB_SINGLE_USER), arn);

    assertEquals(List.of(token), sm.versionsWith(arn, "AWSCURRENT"));
    String password = sm.member(arn, "AWSCURRENT", "password");
    assertEquals(42, select(user, password));
    assertEquals("28000", db.loginFailure(user, "Initial-Pass-1"));
  }

  @Test
  void mysqlEngine_singleUser_sameSqlOnMariaDb() throws Exception {
    String user = unique("my_");
    createUser(user, "Initial-Pass-1", "GRANT SELECT ON " + DATABASE + ".*");
    String arn = sm.createSecret(unique("mysql/single/"), credentials("mysql", user, "Initial-Pass-1").toString());

    RotationHarness.rotate(rotator(ManagedRotators.MYSQL_SINGLE_USER), arn);

    assertEquals(42, select(user, sm.member(arn, "AWSCURRENT", "password")));
    assertEquals("28000", db.loginFailure(user, "Initial-Pass-1"));
  }

  @Test
  void alternatingUsers_clonesTheUserWithItsGrantsThenAlternates() throws Exception {
    String master = unique("master_");
    createUser(master, "Master-Pass-1", "GRANT ALL PRIVILEGES ON *.*");
    db.execute("GRANT ALL PRIVILEGES ON *.* TO '" + master + "'@'%' WITH GRANT OPTION");
    String masterArn = sm.createSecret(unique("maria/master/"),
        credentials("mariadb", master, "Master-Pass-1").toString());
    String user = unique("app_");
    createUser(user, "App-Pass-1", "GRANT SELECT ON " + DATABASE + ".*");
    String arn = sm.createSecret(unique("maria/multi/"),
        credentials("mariadb", user, "App-Pass-1").put("masterarn", masterArn).toString());
    RotationFunction f = rotator(ManagedRotators.MARIADB_MULTI_USER);

    RotationHarness.rotate(f, arn);
    String clone = user + "_clone";
    assertEquals(clone, sm.member(arn, "AWSCURRENT", "username"));
    String clonePassword = sm.member(arn, "AWSCURRENT", "password");
    assertEquals(42, select(clone, clonePassword), "the clone has the user's grants");
    assertNull(db.loginFailure(user, "App-Pass-1"), "the previous user still works");

    RotationHarness.rotate(f, arn);
    assertEquals(user, sm.member(arn, "AWSCURRENT", "username"));
    String userPassword = sm.member(arn, "AWSCURRENT", "password");
    assertNotEquals("App-Pass-1", userPassword);
    assertEquals(42, select(user, userPassword));
    assertEquals("28000", db.loginFailure(user, "App-Pass-1"));
    assertNull(db.loginFailure(clone, clonePassword));
  }

  @Test
  void alternatingUsers_everyStepRunTwice_endsAsOneRun() throws Exception {
    String master = unique("master_");
    createUser(master, "Master-Pass-1", "GRANT ALL PRIVILEGES ON *.*");
    db.execute("GRANT ALL PRIVILEGES ON *.* TO '" + master + "'@'%' WITH GRANT OPTION");
    String masterArn = sm.createSecret(unique("maria/master/"),
        credentials("mariadb", master, "Master-Pass-1").toString());
    String user = unique("app_");
    createUser(user, "App-Pass-1", "GRANT SELECT ON " + DATABASE + ".*");
    String arn = sm.createSecret(unique("maria/twice/"),
        credentials("mariadb", user, "App-Pass-1").put("masterarn", masterArn).toString());
    RotationFunction f = rotator(ManagedRotators.MARIADB_MULTI_USER);
    String token = UUID.randomUUID().toString();

    for (RotationStep step : RotationStep.values()) {
      f.invoke(new RotationEvent(arn, token, step));
      f.invoke(new RotationEvent(arn, token, step));
    }

    assertEquals(List.of(token), sm.versionsWith(arn, "AWSCURRENT"));
    assertEquals(42, select(user + "_clone", sm.member(arn, "AWSCURRENT", "password")));
  }

  @Test
  void alternatingUsers_wrongMasterPassword_setSecretFailsWithASafeMessage() throws Exception {
    String master = unique("master_");
    createUser(master, "Master-Pass-1", "GRANT ALL PRIVILEGES ON *.*");
    String masterArn = sm.createSecret(unique("maria/master/"),
        credentials("mariadb", master, "Wrong-Master-9").toString());
    String user = unique("app_");
    createUser(user, "App-Pass-1", "GRANT SELECT ON " + DATABASE + ".*");
    String arn = sm.createSecret(unique("maria/badmaster/"),
        credentials("mariadb", user, "App-Pass-1").put("masterarn", masterArn).toString());
    RotationFunction f = rotator(ManagedRotators.MARIADB_MULTI_USER);
    String token = UUID.randomUUID().toString();
    f.invoke(new RotationEvent(arn, token, RotationStep.CREATE_SECRET));
    String pending = sm.member(arn, "AWSPENDING", "password");

    RotationFailedException e = assertThrows(RotationFailedException.class,
        () -> f.invoke(new RotationEvent(arn, token, RotationStep.SET_SECRET)));

    assertEquals("Unable to log into database using credentials in master secret " + masterArn, e.getMessage());
    assertNoPassword(e, "Wrong-Master-9", "Master-Pass-1", "App-Pass-1", pending);
    assertEquals("28000", db.loginFailure(user + "_clone", pending), "no clone was made");
  }
}
