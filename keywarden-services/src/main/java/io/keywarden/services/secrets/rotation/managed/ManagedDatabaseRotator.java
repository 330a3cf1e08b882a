package io.keywarden.services.secrets.rotation.managed;

import io.keywarden.services.secrets.rotation.RotationEvent;
import io.keywarden.services.secrets.rotation.RotationFailedException;
import io.keywarden.services.secrets.rotation.RotationFunction;
import io.keywarden.services.secrets.rotation.RotationSecrets;
import io.keywarden.services.secrets.rotation.RotationStep;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A managed rotation function for database credentials: AWS's {@code SecretsManagerRDS<Engine>Rotation
 * SingleUser} / {@code MultiUser} templates, step for step, with the same checks and (password-free)
 * messages. Every step can run again with the same token and leaves things as the first run did.
 */
public final class ManagedDatabaseRotator implements RotationFunction {
  static final String CURRENT = "AWSCURRENT";
  static final String PENDING = "AWSPENDING";
  static final String PREVIOUS = "AWSPREVIOUS";

  private final DatabaseDialect dialect;
  private final RotationStrategy strategy;
  private final RotationSecrets secrets;

  ManagedDatabaseRotator(DatabaseDialect dialect, RotationStrategy strategy, RotationSecrets secrets) {
    this.dialect = Objects.requireNonNull(dialect, "dialect");
    this.strategy = Objects.requireNonNull(strategy, "strategy");
    this.secrets = Objects.requireNonNull(secrets, "secrets");
  }

  /** The secret's {@code engine} this rotator serves. */
  public String engine() {
    return dialect.engine();
  }

  public RotationStrategy strategy() {
    return strategy;
  }

  @Override
  public void invoke(RotationEvent event) throws RotationFailedException {
    String arn = event.secretId();
    String token = event.clientRequestToken();
    // The templates' handler: the token must name the AWSPENDING version; once it is AWSCURRENT,
    // every step has nothing left to do. (createSecret may also meet a token with no version yet.)
    List<String> stages = secrets.versionStages(arn).get(token);
    if (stages == null) {
      if (event.step() != RotationStep.CREATE_SECRET) {
        throw new RotationFailedException("Secret version " + token + " has no stage for rotation of secret "
            + arn + ".");
      }
    } else if (stages.contains(CURRENT)) {
      return;
    } else if (!stages.contains(PENDING)) {
      throw new RotationFailedException("Secret version " + token + " not set as AWSPENDING for rotation of secret "
          + arn + ".");
    }
    switch (event.step()) {
      case CREATE_SECRET:
        createSecret(arn, token);
        break;
      case SET_SECRET:
        if (strategy == RotationStrategy.SINGLE_USER) {
          setOwnPassword(arn, token);
        } else {
          setAlternateUser(arn, token);
        }
        break;
      case TEST_SECRET:
        testSecret(arn, token);
        break;
      case FINISH_SECRET:
        finishSecret(arn, token);
        break;
      default:
        throw new RotationFailedException("Invalid step parameter " + event.step().wireName() + " for secret "
            + arn);
    }
  }

  /** A new AWSPENDING version for the token, unless it has one: AWSCURRENT's JSON, a new password (and the other user). */
  private void createSecret(String arn, String token) throws RotationFailedException {
    DatabaseCredentials current = read(arn, null, CURRENT);
    if (secrets.secretString(arn, token, PENDING).isPresent()) {
      return;
    }
    String username = strategy.pendingUsername(current.username(), dialect);
    String password = secrets.randomPassword(dialect.excludeCharacters());
    secrets.putPending(arn, token, current.withLogin(username, password).toJson());
  }

  /** Single user: log in as the user (current, else previous password) and change its own password. */
  private void setOwnPassword(String arn, String token) throws RotationFailedException {
    Optional<DatabaseCredentials> previous = readIfValid(arn, PREVIOUS);
    DatabaseCredentials current = read(arn, null, CURRENT);
    DatabaseCredentials pending = read(arn, token, PENDING);
    if (loginWorks(pending)) {
      return;
    }
    requireSameUserAndHost(pending, current, "current", arn);
    Optional<Connection> connection = DatabaseLogin.open(dialect, current);
    if (connection.isEmpty() && previous.isPresent()) {
      DatabaseCredentials before = previous.get().withTlsOf(current);
      requireSameUserAndHost(pending, before, "previous valid", arn);
      connection = DatabaseLogin.open(dialect, before);
    }
    if (connection.isEmpty()) {
      throw new RotationFailedException("Unable to log into database with previous, current, or pending secret of "
          + "secret arn " + arn);
    }
    try (Connection c = connection.get()) {
      dialect.changeOwnPassword(c, pending.username(), pending.password());
    } catch (SQLException e) {
      throw sqlFailure("set the password of user " + pending.username(), arn, e);
    }
  }

  /**
   * Alternating users: log in with the master secret and set the pending user's password, creating
   * it with the current user's grants the first time.
   */
  private void setAlternateUser(String arn, String token) throws RotationFailedException {
    DatabaseCredentials current = read(arn, null, CURRENT);
    DatabaseCredentials pending = read(arn, token, PENDING);
    if (loginWorks(pending)) {
      return;
    }
    if (!RotationStrategy.alternate(current.username(), dialect).equals(pending.username())) {
      throw new RotationFailedException("Attempting to modify user " + pending.username()
          + " other than current user or clone " + current.username());
    }
    requireSameHost(pending, current, "current", arn);
    // The current credentials must work, so that a secret cannot make the master act on a user its
    // owner does not control (the templates' confused-deputy check).
    if (!loginWorks(current)) {
      throw new RotationFailedException("Unable to log into database using current credentials for secret " + arn);
    }
    String masterArn = current.masterArn().orElseThrow(() -> new RotationFailedException(
        "masterarn key is missing from secret JSON (secret " + arn + ")"));
    DatabaseCredentials master = readMaster(masterArn).withDbnameOf(current);
    if (!master.host().equals(current.host())) {
      throw new RotationFailedException("Current database host " + current.host()
          + " is not the same host as master " + master.host());
    }
    Optional<Connection> connection = DatabaseLogin.open(dialect, master);
    if (connection.isEmpty()) {
      throw new RotationFailedException("Unable to log into database using credentials in master secret "
          + masterArn);
    }
    try (Connection c = connection.get()) {
      dialect.setUserPassword(c, pending.username(), current.username(), pending.password());
    } catch (SQLException e) {
      throw sqlFailure("set the password of user " + pending.username(), arn, e);
    }
  }

  /** Logs in with the AWSPENDING credentials and runs {@code SELECT NOW()}. */
  private void testSecret(String arn, String token) throws RotationFailedException {
    DatabaseCredentials pending = read(arn, token, PENDING);
    Connection connection = DatabaseLogin.open(dialect, pending).orElseThrow(() -> new RotationFailedException(
        "Unable to log into database with pending secret of secret ARN " + arn));
    try (Connection c = connection; Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT NOW()")) {
      rs.next();
    } catch (SQLException e) {
      throw sqlFailure("run SELECT NOW() with the pending secret", arn, e);
    }
  }

  /** Moves AWSCURRENT to the token's version (AWSPREVIOUS follows); nothing to do if it is there. */
  private void finishSecret(String arn, String token) throws RotationFailedException {
    String currentVersion = null;
    for (Map.Entry<String, List<String>> version : secrets.versionStages(arn).entrySet()) {
      if (version.getValue().contains(CURRENT)) {
        if (version.getKey().equals(token)) {
          return;
        }
        currentVersion = version.getKey();
        break;
      }
    }
    secrets.promote(arn, token, currentVersion);
  }

  private boolean loginWorks(DatabaseCredentials credentials) {
    Optional<Connection> connection = DatabaseLogin.open(dialect, credentials);
    connection.ifPresent(DatabaseLogin::closeQuietly);
    return connection.isPresent();
  }

  private DatabaseCredentials read(String arn, String versionId, String stage) throws RotationFailedException {
    String value = secrets.secretString(arn, versionId, stage).orElseThrow(() -> new RotationFailedException(
        "Secrets Manager can't find the specified secret value for "
            + (versionId == null ? "" : "VersionId: " + versionId + " and ") + "staging label: " + stage
            + " of secret " + arn));
    return DatabaseCredentials.parse(value, dialect.engine(), arn);
  }

  /** AWSPREVIOUS if there is one holding valid credentials (the templates ignore it otherwise). */
  private Optional<DatabaseCredentials> readIfValid(String arn, String stage) throws RotationFailedException {
    Optional<String> value = secrets.secretString(arn, null, stage);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(DatabaseCredentials.parse(value.get(), dialect.engine(), arn));
    } catch (RotationFailedException invalid) {
      return Optional.empty();
    }
  }

  private DatabaseCredentials readMaster(String masterArn) throws RotationFailedException {
    String value = secrets.secretString(masterArn, null, CURRENT).orElseThrow(() -> new RotationFailedException(
        "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT of master secret "
            + masterArn));
    return DatabaseCredentials.parse(value, dialect.engine(), masterArn);
  }

  private static void requireSameUserAndHost(DatabaseCredentials pending, DatabaseCredentials other, String which,
      String arn) throws RotationFailedException {
    if (!other.username().equals(pending.username())) {
      throw new RotationFailedException("Attempting to modify user " + pending.username() + " other than " + which
          + " user " + other.username());
    }
    requireSameHost(pending, other, which, arn);
  }

  private static void requireSameHost(DatabaseCredentials pending, DatabaseCredentials other, String which,
      String arn) throws RotationFailedException {
    if (!other.host().equals(pending.host())) {
      throw new RotationFailedException("Attempting to modify user for host " + pending.host() + " other than "
          + which + " host " + other.host());
    }
  }

  /** A failed statement: the SQL state only, never the driver's message (it may quote the SQL sent). */
  private static RotationFailedException sqlFailure(String what, String arn, SQLException e) {
    return new RotationFailedException("Unable to " + what + " in the database for secret " + arn + " (SQL state "
        + e.getSQLState() + ")");
  }
}
