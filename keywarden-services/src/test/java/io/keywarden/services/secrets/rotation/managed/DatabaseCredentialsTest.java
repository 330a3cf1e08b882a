package io.keywarden.services.secrets.rotation.managed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.services.secrets.rotation.RotationFailedException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatabaseCredentialsTest {
  private static final String ARN = "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf";

  private static DatabaseCredentials parse(String json) throws RotationFailedException {
    return DatabaseCredentials.parse(json, "postgres", ARN);
  }

  private static String failure(String json) {
    return assertThrows(RotationFailedException.class, () -> parse(json)).getMessage();
  }

  @Test
  void templateSecret_isRead() throws Exception {
    DatabaseCredentials c = parse("{\"engine\":\"postgres\",\"host\":\"db.example\",\"port\":\"6432\","
        + "\"username\":\"app\",\"password\":\"pw\",\"dbname\":\"orders\",\"masterarn\":\"arn:m\",\"ssl\":\"FALSE\"}");
    assertEquals("db.example", c.urlHost());
    assertEquals(6432, c.port(5432));
    assertEquals("orders", c.dbname().orElseThrow());
    assertEquals("arn:m", c.masterArn().orElseThrow());
    assertEquals(DatabaseCredentials.Tls.DISABLED, c.tls());
  }

  @Test
  void optionalMembersMissing_defaultsApply() throws Exception {
    DatabaseCredentials c = parse("{\"engine\":\"postgres\",\"host\":\"::1\",\"username\":\"app\",\"password\":\"pw\"}");
    assertEquals("[::1]", c.urlHost());
    assertEquals(5432, c.port(5432));
    assertTrue(c.dbname().isEmpty());
    assertTrue(c.masterArn().isEmpty());
    assertEquals(DatabaseCredentials.Tls.PREFERRED, c.tls());
  }

  @Test
  void withLogin_keepsEveryOtherMember() throws Exception {
    DatabaseCredentials c = parse("{\"engine\":\"postgres\",\"host\":\"h\",\"username\":\"app\",\"password\":\"pw\","
        + "\"extra\":{\"a\":1}}");
    assertEquals("{\"engine\":\"postgres\",\"host\":\"h\",\"username\":\"app_clone\",\"password\":\"new\","
        + "\"extra\":{\"a\":1}}", c.withLogin("app_clone", "new").toJson());
    assertEquals("pw", c.password(), "the original is unchanged");
  }

  @Test
  void wrongEngine_fails() {
    assertEquals("Database engine must be set to 'postgres' in order to use this rotation function (secret " + ARN
        + ")", failure("{\"engine\":\"mysql\",\"host\":\"h\",\"username\":\"u\",\"password\":\"p\"}"));
  }

  @Test
  void missingPassword_failsNamingTheKey() {
    assertEquals("password key is missing from secret JSON (secret " + ARN + ")",
        failure("{\"engine\":\"postgres\",\"host\":\"h\",\"username\":\"u\"}"));
  }

  @Test
  void notJson_failsWithoutEchoingTheValue() {
    String message = failure("Secret-Pass-1 is not JSON");
    assertEquals("The secret value of " + ARN + " is not a JSON object", message);
    assertFalse(message.contains("Secret-Pass-1"));
  }

  @Test
  void hostThatWouldChangeTheUrl_fails() {
    for (String host : List.of("h/evil?x=", "user@h", "h name", "")) {
      assertTrue(failure("{\"engine\":\"postgres\",\"host\":\"" + host + "\",\"username\":\"u\",\"password\":\"p\"}")
          .contains("host"), host);
    }
  }

  @Test
  void badPort_fails() {
    assertEquals("port in the secret JSON is not a port number (secret " + ARN + ")",
        failure("{\"engine\":\"postgres\",\"host\":\"h\",\"port\":70000,\"username\":\"u\",\"password\":\"p\"}"));
  }

  @Test
  void alternateUsername_togglesTheCloneSuffix() throws Exception {
    assertEquals("app_clone", RotationStrategy.alternate("app", PostgresDialect.INSTANCE));
    assertEquals("app", RotationStrategy.alternate("app_clone", PostgresDialect.INSTANCE));
    assertEquals("app", RotationStrategy.SINGLE_USER.pendingUsername("app", PostgresDialect.INSTANCE));
    String longName = "u".repeat(27);
    assertEquals("Unable to clone user, username length with _clone appended would exceed 32 characters",
        assertThrows(RotationFailedException.class, () -> RotationStrategy.alternate(longName, MySqlDialect.MYSQL))
            .getMessage());
  }
}
