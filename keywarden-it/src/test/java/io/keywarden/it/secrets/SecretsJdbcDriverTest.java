package io.keywarden.it.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import com.amazonaws.secretsmanager.sql.AWSSecretsManagerPostgreSQLDriver;
import io.keywarden.it.TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.RotateSecretResponse;

/**
 * AWS's JDBC wrapper {@code aws-secretsmanager-jdbc} connecting to a real PostgreSQL with a
 * Keywarden secret ID as the user: it reads the credentials through Keywarden, and after the
 * password was changed (ALTER USER, then PutSecretValue — a rotation by hand) its next connection
 * fails authentication with the cached password, refreshes the secret and connects.
 *
 * <p>The driver registered with {@link DriverManager} is configured as users configure it, with the
 * {@code drivers.vpcEndpointUrl} / {@code drivers.vpcEndpointRegion} system properties (set before
 * the driver class loads, restored afterwards) and the SDK's {@code aws.*} credential properties.
 *
 * <p>It also connects after Keywarden's managed rotators (RotateSecret with an AWS template's function
 * ARN, through the SDK) changed the password: single user, and alternating users.
 */
class SecretsJdbcDriverTest {
  private static TestServer server;
  private static SecretsManagerClient sm;
  private static TestPostgres pg;
  private static final Map<String, String> SAVED = new HashMap<>();

  private static void setProperty(String key, String value) {
    SAVED.put(key, System.getProperty(key));
    System.setProperty(key, value);
  }

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.dev();
    setProperty("drivers.vpcEndpointUrl", server.endpoint().toString());
    setProperty("drivers.vpcEndpointRegion", TestServer.REGION.id());
    setProperty("aws.region", TestServer.REGION.id());
    setProperty("aws.accessKeyId", "AKIADEVTEST");
    setProperty("aws.secretAccessKey", "dev-secret");
    // Two SDK HTTP clients are on the test class path; the driver's own client takes this one.
    setProperty("software.amazon.awssdk.http.service.impl",
        "software.amazon.awssdk.http.urlconnection.UrlConnectionSdkHttpService");
    Class.forName(AWSSecretsManagerPostgreSQLDriver.class.getName());
    sm = SecretsManagerClient.builder()
        .endpointOverride(server.endpoint())
        .region(TestServer.REGION)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIADEVTEST", "dev-secret")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
    pg = TestPostgres.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (pg != null) {
      pg.close();
    }
    sm.close();
    server.close();
    SAVED.forEach((k, v) -> {
      if (v == null) {
        System.clearProperty(k);
      } else {
        System.setProperty(k, v);
      }
    });
  }

  private String credentials(String user, String password) {
    return "{\"engine\":\"postgres\",\"host\":\"localhost\",\"port\":" + pg.port()
        + ",\"dbname\":\"postgres\",\"username\":\"" + user + "\",\"password\":\"" + password + "\"}";
  }

  private String plainUrl() {
    return "jdbc:postgresql://localhost:" + pg.port() + "/postgres";
  }

  private static String currentUser(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_user")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static Properties user(String secretId) {
    Properties p = new Properties();
    p.setProperty("user", secretId);
    return p;
  }

  @Test
  void connectsWithASecretIdAndAfterThePasswordChanged() throws Exception {
    String dbUser = "app_" + UUID.randomUUID().toString().substring(0, 8);
    String secret = "jdbc/" + dbUser;
    pg.execute("CREATE USER " + dbUser + " PASSWORD 'first-Pass-1'");
    sm.createSecret(r -> r.name(secret).secretString(credentials(dbUser, "first-Pass-1")));

    String url = "jdbc-secretsmanager:postgresql://localhost:" + pg.port() + "/postgres";
    try (Connection c = DriverManager.getConnection(url, user(secret))) {
      assertEquals(dbUser, currentUser(c));
    }
    // The secret ID as the URL: the driver builds the address from host, port and dbname (the
    // user property still names the secret holding the credentials).
    AWSSecretsManagerPostgreSQLDriver driver =
        new AWSSecretsManagerPostgreSQLDriver(new SecretCacheConfiguration().withClient(sm));
    try (Connection c = driver.connect(secret, user(secret))) {
      assertEquals(dbUser, currentUser(c));
    }

    // A rotation by hand: the database password changes, then the secret.
    pg.execute("ALTER USER " + dbUser + " PASSWORD 'second-Pass-2'");
    SQLException stale = assertThrows(SQLException.class,
        () -> DriverManager.getConnection(plainUrl(), dbUser, "first-Pass-1"));
    assertEquals("28P01", stale.getSQLState(), "the old password really stopped working");
    sm.putSecretValue(r -> r.secretId(secret).secretString(credentials(dbUser, "second-Pass-2")));

    // The driver's cache still holds the old password: the login fails, it refreshes and retries.
    try (Connection c = DriverManager.getConnection(url, user(secret))) {
      assertEquals(dbUser, currentUser(c));
    }
    try (Connection c = DriverManager.getConnection(plainUrl(), dbUser, "second-Pass-2")) {
      assertEquals(dbUser, currentUser(c));
    }
  }

  /** The template's function ARN in the dev account: Keywarden runs its managed rotator for it. */
  private static String managedRotator(String templateName) {
    return "arn:aws:lambda:" + TestServer.REGION.id() + ":" + TestServer.DEV_ACCOUNT + ":function:" + templateName;
  }

  /**
   * RotateSecret with a managed rotator, through the SDK, and the wait for it (rotations run in the
   * background): until the new version holds AWSCURRENT.
   */
  private static void rotate(String secret, String templateName) throws InterruptedException {
    RotateSecretResponse started = sm.rotateSecret(r -> r.secretId(secret)
        .rotationLambdaARN(managedRotator(templateName))
        .rotationRules(rules -> rules.automaticallyAfterDays(30L)));
    String token = started.versionId();
    for (int i = 0; i < 1200; i++) {
      DescribeSecretResponse d = sm.describeSecret(r -> r.secretId(secret));
      if (d.versionIdsToStages().getOrDefault(token, List.of()).contains("AWSCURRENT")) {
        assertTrue(d.rotationEnabled());
        assertNotNull(d.lastRotatedDate());
        return;
      }
      Thread.sleep(100);
    }
    fail("the rotation of " + secret + " did not finish: " + sm.describeSecret(r -> r.secretId(secret)));
  }

  @Test
  void connectsAfterTheManagedSingleUserRotatorChangedThePassword() throws Exception {
    String dbUser = "rot_" + UUID.randomUUID().toString().substring(0, 8);
    String secret = "jdbc/" + dbUser;
    pg.execute("CREATE USER " + dbUser + " PASSWORD 'first-Pass-1'");
    sm.createSecret(r -> r.name(secret).secretString(credentials(dbUser, "first-Pass-1")));
    String url = "jdbc-secretsmanager:postgresql://localhost:" + pg.port() + "/postgres";
    try (Connection c = DriverManager.getConnection(url, user(secret))) {
      assertEquals(dbUser, currentUser(c));
    }

    rotate(secret, "SecretsManagerRDSPostgreSQLRotationSingleUser");

    SQLException stale = assertThrows(SQLException.class,
        () -> DriverManager.getConnection(plainUrl(), dbUser, "first-Pass-1"));
    assertEquals("28P01", stale.getSQLState(), "the rotator really changed the password");
    // The driver's cached password fails; it reads the rotated secret through Keywarden and connects.
    try (Connection c = DriverManager.getConnection(url, user(secret))) {
      assertEquals(dbUser, currentUser(c));
    }
  }

  @Test
  void connectsAsEitherUserWhileTheManagedAlternatingRotatorAlternates() throws Exception {
    String master = "master_" + UUID.randomUUID().toString().substring(0, 8);
    pg.execute("CREATE USER " + master + " CREATEROLE PASSWORD 'master-Pass-1'");
    String masterArn = sm.createSecret(r -> r.name("jdbc/" + master)
        .secretString(credentials(master, "master-Pass-1"))).arn();
    String dbUser = "alt_" + UUID.randomUUID().toString().substring(0, 8);
    String secret = "jdbc/" + dbUser;
    pg.execute("CREATE USER " + dbUser + " PASSWORD 'first-Pass-1'");
    String value = credentials(dbUser, "first-Pass-1");
    sm.createSecret(r -> r.name(secret)
        .secretString(value.substring(0, value.length() - 1) + ",\"masterarn\":\"" + masterArn + "\"}"));
    String url = "jdbc-secretsmanager:postgresql://localhost:" + pg.port() + "/postgres";
    try (Connection c = DriverManager.getConnection(url, user(secret))) {
      assertEquals(dbUser, currentUser(c));
    }

    // First rotation: the clone is made and becomes current; the user's password still works.
    rotate(secret, "SecretsManagerRDSPostgreSQLRotationMultiUser");
    try (Connection c = DriverManager.getConnection(plainUrl(), dbUser, "first-Pass-1")) {
      assertEquals(dbUser, currentUser(c));
    }
    // Second: back to the user with a new password; the cached one fails, the driver refreshes.
    rotate(secret, "SecretsManagerRDSPostgreSQLRotationMultiUser");
    SQLException stale = assertThrows(SQLException.class,
        () -> DriverManager.getConnection(plainUrl(), dbUser, "first-Pass-1"));
    assertEquals("28P01", stale.getSQLState());
    try (Connection c = DriverManager.getConnection(url, user(secret))) {
      assertEquals(dbUser, currentUser(c));
    }
    String clone = sm.getSecretValue(r -> r.secretId(secret).versionStage("AWSPREVIOUS")).secretString();
    assertTrue(clone.contains("\"username\":\"" + dbUser + "_clone\""), "AWSPREVIOUS holds the clone");
  }

  @Test
  void aWrongPasswordInTheSecretFails() throws Exception {
    String dbUser = "bad_" + UUID.randomUUID().toString().substring(0, 8);
    String secret = "jdbc/" + dbUser;
    pg.execute("CREATE USER " + dbUser + " PASSWORD 'right-Pass-1'");
    sm.createSecret(r -> r.name(secret).secretString(credentials(dbUser, "wrong-Pass-1")));
    // A driver built with its own cache and client, as the library also allows.
    AWSSecretsManagerPostgreSQLDriver driver =
        new AWSSecretsManagerPostgreSQLDriver(new SecretCacheConfiguration().withClient(sm));
    SQLException denied = assertThrows(SQLException.class, () -> driver.connect(
        "jdbc-secretsmanager:postgresql://localhost:" + pg.port() + "/postgres", user(secret)));
    // The driver refreshes the secret and retries, then gives up with its own message.
    assertEquals("Connect failed to authenticate: reached max connection retries",
        denied.getMessage());
  }
}
