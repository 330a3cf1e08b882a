package io.keywarden.services.secrets.rotation.managed;

import io.keywarden.services.secrets.rotation.RotationFunction;
import io.keywarden.services.secrets.rotation.RotationSecrets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built-in rotation functions and the {@code RotationLambdaARN}s that name them: a Lambda function
 * ARN (any partition, Region and account, with or without a version or alias qualifier) whose function
 * name is one of AWS's rotation template names, e.g. {@code
 * arn:aws:lambda:us-east-1:111122223333:function:SecretsManagerRDSPostgreSQLRotationSingleUser}.
 */
public final class ManagedRotators {
  public static final String POSTGRESQL_SINGLE_USER = "SecretsManagerRDSPostgreSQLRotationSingleUser";
  public static final String POSTGRESQL_MULTI_USER = "SecretsManagerRDSPostgreSQLRotationMultiUser";
  public static final String MYSQL_SINGLE_USER = "SecretsManagerRDSMySQLRotationSingleUser";
  public static final String MYSQL_MULTI_USER = "SecretsManagerRDSMySQLRotationMultiUser";
  public static final String MARIADB_SINGLE_USER = "SecretsManagerRDSMariaDBRotationSingleUser";
  public static final String MARIADB_MULTI_USER = "SecretsManagerRDSMariaDBRotationMultiUser";

  private static final Pattern FUNCTION_ARN = Pattern.compile(
      "arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:([A-Za-z0-9_-]{1,64})(:[A-Za-z0-9$_-]{1,128})?");

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

  /** Whether a {@code RotationLambdaARN} names a managed rotator. */
  public static boolean isManaged(String rotationLambdaArn) {
    return kind(rotationLambdaArn).isPresent();
  }

  /**
   * The managed rotator a {@code RotationLambdaARN} names, working through {@code secrets}; empty if
   * the ARN names none.
   */
  public static Optional<RotationFunction> forArn(String rotationLambdaArn, RotationSecrets secrets) {
    Objects.requireNonNull(secrets, "secrets");
    return kind(rotationLambdaArn).map(k -> new ManagedDatabaseRotator(k.dialect(), k.strategy(), secrets));
  }

  private static Optional<Kind> kind(String arn) {
    if (arn == null) {
      return Optional.empty();
    }
    Matcher m = FUNCTION_ARN.matcher(arn);
    return m.matches() ? Optional.ofNullable(KINDS.get(m.group(1))) : Optional.empty();
  }

  private record Kind(DatabaseDialect dialect, RotationStrategy strategy) {}
}
