package io.keywarden.services.secrets.rotation.managed;

import io.keywarden.services.secrets.rotation.RotationFunctions;
import java.util.Map;
import java.util.Set;

/**
 * The built-in rotation functions, registered in the engine's {@link RotationFunctions} under AWS's
 * rotation template names: a {@code RotationLambdaARN} that is a Lambda function ARN (any Region and
 * account, a qualifier ignored) with one of these function names selects one, e.g. {@code
 * arn:aws:lambda:us-east-1:111122223333:function:SecretsManagerRDSPostgreSQLRotationSingleUser}
 * (unless an HTTP endpoint is registered for that exact ARN).
 */
public final class ManagedRotators {
  public static final String POSTGRESQL_SINGLE_USER = "SecretsManagerRDSPostgreSQLRotationSingleUser";
  public static final String POSTGRESQL_MULTI_USER = "SecretsManagerRDSPostgreSQLRotationMultiUser";
  public static final String MYSQL_SINGLE_USER = "SecretsManagerRDSMySQLRotationSingleUser";
  public static final String MYSQL_MULTI_USER = "SecretsManagerRDSMySQLRotationMultiUser";
  public static final String MARIADB_SINGLE_USER = "SecretsManagerRDSMariaDBRotationSingleUser";
  public static final String MARIADB_MULTI_USER = "SecretsManagerRDSMariaDBRotationMultiUser";

  private static final Map<String, Kind> KINDS = Map.of(
      POSTGRESQL_SINGLE_USER, new Kind(PostgresDialect.INSTANCE, RotationStrategy.SINGLE_USER),
      POSTGRESQL_MULTI_USER, new Kind(PostgresDialect.INSTANCE, RotationStrategy.ALTERNATING_USERS),
      MYSQL_SINGLE_USER, new Kind(MySqlDialect.MYSQL, RotationStrategy.SINGLE_USER),
      MYSQL_MULTI_USER, new Kind(MySqlDialect.MYSQL, RotationStrategy.ALTERNATING_USERS),
      MARIADB_SINGLE_USER, new Kind(MySqlDialect.MARIADB, RotationStrategy.SINGLE_USER),
      MARIADB_MULTI_USER, new Kind(MySqlDialect.MARIADB, RotationStrategy.ALTERNATING_USERS));

  private ManagedRotators() {}

  /** The function names that name managed rotators. */
  public static Set<String> functionNames() {
    return KINDS.keySet();
  }

  /**
   * Registers every managed rotator in {@code functions} under its function name, so that a {@code
   * RotationLambdaARN} {@code arn:aws:lambda:REGION:ACCOUNT:function:NAME} resolves to it.
   *
   * @return {@code functions}
   */
  public static RotationFunctions registerIn(RotationFunctions functions) {
    KINDS.forEach((name, kind) -> functions.managed(name,
        secrets -> new ManagedDatabaseRotator(kind.dialect(), kind.strategy(), secrets)));
    return functions;
  }

  private record Kind(DatabaseDialect dialect, RotationStrategy strategy) {}
}
