package io.keywarden.services.secrets.rotation.managed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The managed rotators in the engine's registry, found by the template names in function ARNs. */
class ManagedRotatorsTest {
  private final RotationHarness sm = new RotationHarness();

  @AfterEach
  void close() {
    sm.close();
  }

  private ManagedDatabaseRotator rotator(String arn) {
    return (ManagedDatabaseRotator) sm.functions.resolve(arn, sm.secrets).orElseThrow();
  }

  @Test
  void templateFunctionNames_nameTheirEngineAndStrategy() {
    ManagedDatabaseRotator pg = rotator(
        "arn:aws:lambda:eu-west-1:123456789012:function:SecretsManagerRDSPostgreSQLRotationMultiUser");
    assertEquals("postgres", pg.engine());
    assertEquals(RotationStrategy.ALTERNATING_USERS, pg.strategy());
    ManagedDatabaseRotator mysql = rotator(
        "arn:aws:lambda:us-east-1:111122223333:function:SecretsManagerRDSMySQLRotationSingleUser:$LATEST");
    assertEquals("mysql", mysql.engine());
    assertEquals(RotationStrategy.SINGLE_USER, mysql.strategy());
    ManagedDatabaseRotator maria = rotator(
        "arn:aws:lambda:us-east-1:111122223333:function:SecretsManagerRDSMariaDBRotationMultiUser");
    assertEquals("mariadb", maria.engine());
    assertEquals(RotationStrategy.ALTERNATING_USERS, maria.strategy());
    for (String name : ManagedRotators.functionNames()) {
      assertTrue(sm.functions.exists(RotationHarness.functionArn(name)), name);
    }
    assertEquals(6, ManagedRotators.functionNames().size());
  }

  @Test
  void otherFunctionNames_nameNoManagedRotator() {
    assertFalse(sm.functions.exists("arn:aws:lambda:us-east-1:111122223333:function:my-rotator"));
    assertFalse(sm.functions.exists(
        "arn:aws:lambda:us-east-1:111122223333:function:SecretsManagerRDSPostgreSQLRotationSingleUserX"));
  }
}
