/**
 * Keywarden's built-in rotation functions for database credentials: PostgreSQL, MySQL and MariaDB,
 * with the single-user and alternating-users strategies of AWS's rotation templates
 * ({@code SecretsManagerRDS<Engine>Rotation{SingleUser,MultiUser}}). A secret names one by its
 * {@code RotationLambdaARN} ({@link io.keywarden.services.secrets.rotation.managed.ManagedRotators});
 * it runs in-process and reaches Secrets Manager only through
 * {@link io.keywarden.services.secrets.rotation.RotationSecrets}, and the database only through JDBC.
 *
 * <p>Failures are {@link io.keywarden.services.secrets.rotation.RotationFailedException}s whose
 * messages name secrets, users and hosts, never a password, and never quote a database driver's own
 * message (which may echo SQL). Nothing outside the rotation engine should import this package.
 */
package io.keywarden.services.secrets.rotation.managed;
