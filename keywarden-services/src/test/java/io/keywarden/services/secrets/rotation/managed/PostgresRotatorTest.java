package io.keywarden.services.secrets.rotation.managed;

import static io.keywarden.services.secrets.rotation.managed.RotationHarness.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.services.secrets.rotation.RotationEvent;
import io.keywarden.services.secrets.rotation.RotationFailedException;
import io.keywarden.services.secrets.rotation.RotationFunction;
import io.keywarden.services.secrets.rotation.RotationStep;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL rotators against a real PostgreSQL and the real Secrets Manager: the four steps,
 * logins with the new and old passwords, re-runs of each step, and failures.
 */
class PostgresRotatorTest {
  private static TestPostgres pg;
  private static RotationHarness sm;

  @BeforeAll
  static void start() throws Exception {
    pg = TestPostgres.start();
    sm = new RotationHarness();
  }

  @AfterAll
  static void stop() throws Exception {
    sm.close();
    pg.close();
  }

  private static RotationFunction rotator(String functionName) {
    return sm.rotator(functionName);
  }

  private static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  private static ObjectNode credentials(String user, String password) {
    return JSON.createObjectNode().put("engine", "postgres").put("host", "localhost").put("port", pg.port())
        .put("dbname", "postgres").put("username", user).put("password", password);
  }

  /** A login role with a password (its name quoted, so it may hold any character). */
  private static void createRole(String user, String password, String options) throws SQLException {
    try (Connection c = pg.superuser()) {
      org.postgresql.PGConnection p = c.unwrap(org.postgresql.PGConnection.class);
      try (Statement s = c.createStatement()) {
        s.execute("CREATE ROLE " + p.escapeIdentifier(user) + " LOGIN " + options + " PASSWORD "
            + "'" + p.escapeLiteral(password) + "'");
      }
    }
  }

  private static void invoke(RotationFunction f, String arn, String token, RotationStep step)
      throws RotationFailedException {
    f.invoke(new RotationEvent(arn, token, step));
  }

  @Test
  void singleUser_newPasswordWorks_oldOneStops() throws Exception {
    String user = unique("app_");
    createRole(user, "Initial-Pass-1", "");
    String arn = sm.createSecret(unique("pg/single/"), credentials(user, "Initial-Pass-1").toString());

    String token = RotationHarness.rotate(rotator(ManagedRotators.POSTGRESQL_SINGLE_USER), arn);

    assertEquals(List.of(token), sm.versionsWith(arn, "AWSCURRENT"));
    assertEquals("Initial-Pass-1", sm.member(arn, "AWSPREVIOUS", "password"));
    String password = sm.member(arn, "AWSCURRENT", "password");
    assertEquals(user, sm.member(arn, "AWSCURRENT", "username"));
    assertEquals(32, password.length());
    assertTrue(password.chars().noneMatch(ch -> ":/@\"'\\".indexOf(ch) >= 0), "template's excluded characters");
    assertEquals(String.valueOf(pg.port()), sm.member(arn, "AWSCURRENT", "port"), "other members kept");
    assertNull(pg.loginFailure(user, password));
    assertEquals("28P01", pg.loginFailure(user, "Initial-Pass-1"));
  }

  @Test
  void singleUser_roleNameThatNeedsQuoting_isRotated() throws Exception {
    String user = unique("App \"Svc\"-");
    String initial = "It's-a\\pass \"1\"";
    createRole(user, initial, "");
    String arn = sm.createSecret(unique("pg/quoted/"), credentials(user, initial).toString());

    RotationHarness.rotate(rotator(ManagedRotators.POSTGRESQL_SINGLE_USER), arn);

    assertNull(pg.loginFailure(user, sm.member(arn, "AWSCURRENT", "password")));
    assertEquals("28P01", pg.loginFailure(user, initial));
  }

  @Test
  void singleUser_everyStepRunTwice_endsAsOneRun() throws Exception {
    String user = unique("app_");
    createRole(user, "Initial-Pass-1", "");
    String arn = sm.createSecret(unique("pg/twice/"), credentials(user, "Initial-Pass-1").toString());
    RotationFunction f = rotator(ManagedRotators.POSTGRESQL_SINGLE_USER);
    String token = UUID.randomUUID().toString();

    invoke(f, arn, token, RotationStep.CREATE_SECRET);
    String pending = sm.value(arn, "AWSPENDING");
    invoke(f, arn, token, RotationStep.CREATE_SECRET);
    assertEquals(pending, sm.value(arn, "AWSPENDING"), "a second createSecret keeps the pending value");
    String password = sm.member(arn, "AWSPENDING", "password");
    for (RotationStep step : List.of(RotationStep.SET_SECRET, RotationStep.TEST_SECRET, RotationStep.FINISH_SECRET)) {
      invoke(f, arn, token, step);
      invoke(f, arn, token, step);
    }
    Map<String, List<String>> stages = sm.secrets.versionStages(arn);
    // A whole run again once it is finished changes nothing.
    for (RotationStep step : RotationStep.values()) {
      invoke(f, arn, token, step);
    }
    assertEquals(stages, sm.secrets.versionStages(arn));
    assertEquals(List.of(token), sm.versionsWith(arn, "AWSCURRENT"));
    assertEquals(password, sm.member(arn, "AWSCURRENT", "password"));
    assertNull(pg.loginFailure(user, password));
  }

  @Test
  void singleUser_currentPasswordStale_logsInWithPrevious() throws Exception {
    String user = unique("app_");
    createRole(user, "Old-Pass-1", "");
    String arn = sm.createSecret(unique("pg/previous/"), credentials(user, "Old-Pass-1").toString());
    // The secret moved on but the database did not: AWSCURRENT's password does not work, AWSPREVIOUS's does.
    sm.call("PutSecretValue", JSON.createObjectNode().put("SecretId", arn)
        .put("SecretString", credentials(user, "Never-Set-2").toString()));

    RotationHarness.rotate(rotator(ManagedRotators.POSTGRESQL_SINGLE_USER), arn);

    assertNull(pg.loginFailure(user, sm.member(arn, "AWSCURRENT", "password")));
    assertEquals("28P01", pg.loginFailure(user, "Old-Pass-1"));
  }

  @Test
  void singleUser_noPasswordWorks_setSecretFailsWithoutPasswords() throws Exception {
    String user = unique("app_");
    createRole(user, "Real-Pass-1", "");
    String arn = sm.createSecret(unique("pg/nologin/"), credentials(user, "Stale-Pass-2").toString());
    RotationFunction f = rotator(ManagedRotators.POSTGRESQL_SINGLE_USER);
    String token = UUID.randomUUID().toString();
    invoke(f, arn, token, RotationStep.CREATE_SECRET);
    String pending = sm.member(arn, "AWSPENDING", "password");

    RotationFailedException e = assertThrows(RotationFailedException.class,
        () -> invoke(f, arn, token, RotationStep.SET_SECRET));

    assertEquals("Unable to log into database with previous, current, or pending secret of secret arn " + arn,
        e.getMessage());
    assertNoPassword(e, "Real-Pass-1", "Stale-Pass-2", pending);
    RotationFailedException test = assertThrows(RotationFailedException.class,
        () -> invoke(f, arn, token, RotationStep.TEST_SECRET));
    assertEquals("Unable to log into database with pending secret of secret ARN " + arn, test.getMessage());
    assertNull(pg.loginFailure(user, "Real-Pass-1"), "the database is untouched");
  }

  @Test
  void sslTrue_serverWithoutTls_neverFallsBackToPlainLogins() throws Exception {
    String user = unique("app_");
    createRole(user, "Initial-Pass-1", "");
    String arn = sm.createSecret(unique("pg/tls/"),
        credentials(user, "Initial-Pass-1").put("ssl", true).toString());
    RotationFunction f = rotator(ManagedRotators.POSTGRESQL_SINGLE_USER);
    String token = UUID.randomUUID().toString();
    invoke(f, arn, token, RotationStep.CREATE_SECRET);

    // The embedded server has no TLS: with "ssl": true no login is even tried without it.
    RotationFailedException e = assertThrows(RotationFailedException.class,
        () -> invoke(f, arn, token, RotationStep.SET_SECRET));

    assertEquals("Unable to log into database with previous, current, or pending secret of secret arn " + arn,
        e.getMessage());
    assertNull(pg.loginFailure(user, "Initial-Pass-1"), "the password is unchanged");
  }

  @Test
  void aStepForATokenWithoutVersion_fails() throws Exception {
    String user = unique("app_");
    createRole(user, "Initial-Pass-1", "");
    String arn = sm.createSecret(unique("pg/token/"), credentials(user, "Initial-Pass-1").toString());
    String token = UUID.randomUUID().toString();
    RotationFailedException e = assertThrows(RotationFailedException.class,
        () -> invoke(rotator(ManagedRotators.POSTGRESQL_SINGLE_USER), arn, token, RotationStep.SET_SECRET));
    assertEquals("Secret version " + token + " has no stage for rotation of secret " + arn + ".", e.getMessage());
  }

  @Test
  void alternatingUsers_clonesTheUserThenAlternates() throws Exception {
    String master = unique("master_");
    createRole(master, "Master-Pass-1", "CREATEROLE");
    String masterArn = sm.createSecret(unique("pg/master/"), credentials(master, "Master-Pass-1").toString());
    String user = unique("app_");
    createRole(user, "App-Pass-1", "");
    String table = unique("t_");
    pg.execute("CREATE TABLE " + table + " (v int)");
    pg.execute("INSERT INTO " + table + " VALUES (42)");
    pg.execute("GRANT SELECT ON " + table + " TO " + user);
    String arn = sm.createSecret(unique("pg/multi/"),
        credentials(user, "App-Pass-1").put("masterarn", masterArn).toString());
    RotationFunction f = rotator(ManagedRotators.POSTGRESQL_MULTI_USER);

    // First rotation: the clone is created with the user's privileges; the user keeps working.
    RotationHarness.rotate(f, arn);
    String clone = user + "_clone";
    assertEquals(clone, sm.member(arn, "AWSCURRENT", "username"));
    assertEquals(masterArn, sm.member(arn, "AWSCURRENT", "masterarn"));
    String clonePassword = sm.member(arn, "AWSCURRENT", "password");
    assertEquals(42, selectAs(clone, clonePassword, table));
    assertNull(pg.loginFailure(user, "App-Pass-1"), "the previous user still works");

    // Second: back to the user, with a new password; the clone keeps its own.
    RotationHarness.rotate(f, arn);
    assertEquals(user, sm.member(arn, "AWSCURRENT", "username"));
    assertEquals(clone, sm.member(arn, "AWSPREVIOUS", "username"));
    String userPassword = sm.member(arn, "AWSCURRENT", "password");
    assertNotEquals("App-Pass-1", userPassword);
    assertEquals(42, selectAs(user, userPassword, table));
    assertEquals("28P01", pg.loginFailure(user, "App-Pass-1"));
    assertNull(pg.loginFailure(clone, clonePassword));

    // Third: the clone again, with a new password.
    RotationHarness.rotate(f, arn);
    assertEquals(clone, sm.member(arn, "AWSCURRENT", "username"));
    assertEquals("28P01", pg.loginFailure(clone, clonePassword));
    assertEquals(42, selectAs(clone, sm.member(arn, "AWSCURRENT", "password"), table));
    assertNull(pg.loginFailure(user, userPassword));
  }

  @Test
  void alternatingUsers_everyStepRunTwice_endsAsOneRun() throws Exception {
    String master = unique("master_");
    createRole(master, "Master-Pass-1", "CREATEROLE");
    String masterArn = sm.createSecret(unique("pg/master/"), credentials(master, "Master-Pass-1").toString());
    String user = unique("app_");
    createRole(user, "App-Pass-1", "");
    String arn = sm.createSecret(unique("pg/multitwice/"),
        credentials(user, "App-Pass-1").put("masterarn", masterArn).toString());
    RotationFunction f = rotator(ManagedRotators.POSTGRESQL_MULTI_USER);
    String token = UUID.randomUUID().toString();

    for (RotationStep step : RotationStep.values()) {
      invoke(f, arn, token, step);
      invoke(f, arn, token, step);
    }

    assertEquals(List.of(token), sm.versionsWith(arn, "AWSCURRENT"));
    assertEquals(user + "_clone", sm.member(arn, "AWSCURRENT", "username"));
    assertNull(pg.loginFailure(user + "_clone", sm.member(arn, "AWSCURRENT", "password")));
  }

  @Test
  void alternatingUsers_wrongMasterPassword_setSecretFailsWithASafeMessage() throws Exception {
    String master = unique("master_");
    createRole(master, "Master-Pass-1", "CREATEROLE");
    String masterArn = sm.createSecret(unique("pg/master/"), credentials(master, "Wrong-Master-9").toString());
    String user = unique("app_");
    createRole(user, "App-Pass-1", "");
    String arn = sm.createSecret(unique("pg/badmaster/"),
        credentials(user, "App-Pass-1").put("masterarn", masterArn).toString());
    RotationFunction f = rotator(ManagedRotators.POSTGRESQL_MULTI_USER);
    String token = UUID.randomUUID().toString();
    invoke(f, arn, token, RotationStep.CREATE_SECRET);
    String pending = sm.member(arn, "AWSPENDING", "password");

    RotationFailedException e = assertThrows(RotationFailedException.class,
        () -> invoke(f, arn, token, RotationStep.SET_SECRET));

    assertEquals("Unable to log into database using credentials in master secret " + masterArn, e.getMessage());
    assertNoPassword(e, "Wrong-Master-9", "Master-Pass-1", "App-Pass-1", pending);
    assertEquals("28P01", pg.loginFailure(user + "_clone", pending), "no clone was made");
    assertFalse(sm.versionsWith(arn, "AWSCURRENT").contains(token));
  }

  @Test
  void alternatingUsers_currentCredentialsInvalid_refusesToUseTheMaster() throws Exception {
    String master = unique("master_");
    createRole(master, "Master-Pass-1", "CREATEROLE");
    String masterArn = sm.createSecret(unique("pg/master/"), credentials(master, "Master-Pass-1").toString());
    String user = unique("app_");
    createRole(user, "App-Pass-1", "");
    String arn = sm.createSecret(unique("pg/deputy/"),
        credentials(user, "Not-The-Pass-1").put("masterarn", masterArn).toString());
    RotationFunction f = rotator(ManagedRotators.POSTGRESQL_MULTI_USER);
    String token = UUID.randomUUID().toString();
    invoke(f, arn, token, RotationStep.CREATE_SECRET);

    RotationFailedException e = assertThrows(RotationFailedException.class,
        () -> invoke(f, arn, token, RotationStep.SET_SECRET));

    assertEquals("Unable to log into database using current credentials for secret " + arn, e.getMessage());
  }

  /** RotateSecret through the service: the engine runs the managed rotator with its own RotationSecrets. */
  private static ObjectNode rotateSecret(String arn, String functionName) throws Exception {
    String token = UUID.randomUUID().toString();
    ObjectNode in = JSON.createObjectNode().put("SecretId", arn).put("ClientRequestToken", token)
        .put("RotationLambdaARN", RotationHarness.functionArn(functionName));
    in.putObject("RotationRules").put("AutomaticallyAfterDays", 30);
    sm.call("RotateSecret", in);
    sm.service.rotations().awaitIdle(Duration.ofMinutes(2));
    ObjectNode described = sm.call("DescribeSecret", JSON.createObjectNode().put("SecretId", arn));
    described.put("token", token);
    return described;
  }

  @Test
  void rotateSecret_singleUser_rotatesThroughTheEngine() throws Exception {
    String user = unique("app_");
    createRole(user, "Initial-Pass-1", "");
    String arn = sm.createSecret(unique("pg/engine/"), credentials(user, "Initial-Pass-1").toString());

    ObjectNode described = rotateSecret(arn, ManagedRotators.POSTGRESQL_SINGLE_USER);

    assertFalse(described.has("KeywardenRotationFailure"), described.toString());
    assertTrue(described.get("RotationEnabled").asBoolean());
    assertTrue(described.has("LastRotatedDate"));
    assertEquals("[\"AWSCURRENT\"]", described.get("VersionIdsToStages").get(described.get("token").asText())
        .toString());
    assertNull(pg.loginFailure(user, sm.member(arn, "AWSCURRENT", "password")));
    assertEquals("28P01", pg.loginFailure(user, "Initial-Pass-1"));
  }

  @Test
  void rotateSecret_wrongMasterPassword_reportsTheStepAndASafeMessage() throws Exception {
    String master = unique("master_");
    createRole(master, "Master-Pass-1", "CREATEROLE");
    String masterArn = sm.createSecret(unique("pg/master/"), credentials(master, "Wrong-Master-9").toString());
    String user = unique("app_");
    createRole(user, "App-Pass-1", "");
    String arn = sm.createSecret(unique("pg/enginefail/"),
        credentials(user, "App-Pass-1").put("masterarn", masterArn).toString());

    ObjectNode described = rotateSecret(arn, ManagedRotators.POSTGRESQL_MULTI_USER);

    JsonNode failure = described.get("KeywardenRotationFailure");
    assertEquals("setSecret", failure.get("Step").asText());
    assertEquals("Unable to log into database using credentials in master secret " + masterArn,
        failure.get("Message").asText());
    String pending = sm.member(arn, "AWSPENDING", "password");
    assertFalse(described.toString().contains(pending));
    assertFalse(described.toString().contains("Wrong-Master-9"));
    assertNull(pg.loginFailure(user, "App-Pass-1"), "the current credentials still work");
  }

  private static int selectAs(String user, String password, String table) throws SQLException {
    try (Connection c = DriverManager.getConnection(
            "jdbc:postgresql://localhost:" + pg.port() + "/postgres?sslmode=disable", user, password);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT v FROM " + table)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  static void assertNoPassword(Exception e, String... passwords) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      for (String password : passwords) {
        assertFalse(String.valueOf(t.getMessage()).contains(password), "a password in: " + t.getMessage());
      }
    }
  }
}
