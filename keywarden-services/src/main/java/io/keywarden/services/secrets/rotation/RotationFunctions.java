package io.keywarden.services.secrets.rotation;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Resolves a secret's {@code RotationLambdaARN} to the function that rotates it:
 *
 * <ol>
 *   <li>an HTTP(S) endpoint registered for exactly that ARN ({@link RotationEndpoints});
 *   <li>else a managed rotator registered by {@link #managed} under the ARN's function name ({@code
 *       arn:aws:lambda:REGION:ACCOUNT:function:NAME}, any account and region, an optional
 *       {@code :qualifier} ignored) or under the whole value when it is a bare name (the built-in
 *       database rotators register themselves with {@code ManagedRotators.registerIn}).
 * </ol>
 *
 * Anything else cannot be invoked: RotateSecret answers AWS's error for a Lambda function Secrets
 * Manager cannot invoke.
 */
public final class RotationFunctions {
  /** How long an HTTP rotation function may take over one step. */
  public static final Duration DEFAULT_HTTP_TIMEOUT = Duration.ofSeconds(60);

  private final RotationEndpoints endpoints;
  private final Duration httpTimeout;
  private final HttpClient http;
  private final Map<String, Function<RotationSecrets, RotationFunction>> managed =
      new ConcurrentHashMap<>();

  /**
   * @param endpoints the HTTP registrations
   * @param httpTimeout how long an HTTP function may take over one step
   */
  public RotationFunctions(RotationEndpoints endpoints, Duration httpTimeout) {
    this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    this.httpTimeout = Objects.requireNonNull(httpTimeout, "httpTimeout");
    this.http = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /**
   * Registers a managed rotator (the hook the built-in database rotators plug into).
   *
   * @param name the Lambda function name that selects it (e.g. {@code
   *     keywarden-postgresql-single-user})
   * @param factory makes the function over the Secrets Manager calls it may make
   * @return this
   */
  public RotationFunctions managed(String name, Function<RotationSecrets, RotationFunction> factory) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(factory, "factory");
    managed.put(name, factory);
    return this;
  }

  /** The HTTP registrations (to add or remove one). */
  public RotationEndpoints endpoints() {
    return endpoints;
  }

  /**
   * The function {@code lambdaArn} names, working through {@code secrets} if it is a managed
   * rotator; empty if none is registered.
   */
  public Optional<RotationFunction> resolve(String lambdaArn, RotationSecrets secrets) {
    Optional<java.net.URI> url = endpoints.find(lambdaArn);
    if (url.isPresent()) {
      return Optional.of(new HttpRotationFunction(http, url.get(), httpTimeout));
    }
    Function<RotationSecrets, RotationFunction> factory = managed.get(functionName(lambdaArn));
    return factory == null ? Optional.empty() : Optional.of(factory.apply(secrets));
  }

  /** Whether {@code lambdaArn} names a function (without making it). */
  public boolean exists(String lambdaArn) {
    return endpoints.find(lambdaArn).isPresent() || managed.containsKey(functionName(lambdaArn));
  }

  /** {@code NAME} of {@code arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]}, or the text itself. */
  static String functionName(String lambdaArn) {
    String[] parts = lambdaArn.split(":", -1);
    if (parts.length >= 7 && parts[0].equals("arn") && parts[2].equals("lambda")
        && parts[5].equals("function")) {
      return parts[6];
    }
    return lambdaArn;
  }
}
