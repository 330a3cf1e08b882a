package io.keywarden.services.secrets.rotation.managed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ManagedRotatorsTest {
  private final RotationHarness sm = new RotationHarness();

  @AfterEach
  void close() {
    sm.close();
  }

  private ManagedDatabaseRotator rotator(String arn) {
    return (ManagedDatabaseRotator) ManagedRotators.forArn(arn, sm.secrets).orElseThrow();
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
    assertEquals("mariadb", rotator(
        "arn:aws-us-gov:lambda:us-gov-west-1:111122223333:function:SecretsManagerRDSMariaDBRotationSingleUser")
        .engine());
    assertEquals(6, ManagedRotators.functionNames().size());
  }

  @Test
  void otherArns_nameNoManagedRotator() {
    assertFalse(ManagedRotators.isManaged("arn:aws:lambda:us-east-1:111122223333:function:my-rotator"));
    assertFalse(ManagedRotators.isManaged("SecretsManagerRDSPostgreSQLRotationSingleUser"));
    assertFalse(ManagedRotators.isManaged(
        "arn:aws:lambda:us-east-1:111122223333:layer:SecretsManagerRDSPostgreSQLRotationSingleUser"));
    assertFalse(ManagedRotators.isManaged(null));
    assertTrue(ManagedRotators.isManaged(
        "arn:aws:lambda:us-east-1:111122223333:function:SecretsManagerRDSPostgreSQLRotationSingleUser"));
  }
}
