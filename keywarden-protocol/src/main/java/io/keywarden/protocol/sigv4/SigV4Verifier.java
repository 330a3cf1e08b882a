package io.keywarden.protocol.sigv4;

import io.keywarden.domain.identity.Principal;
import io.keywarden.services.api.ApiException;
import io.keywarden.services.identity.CredentialLookup;
import io.keywarden.services.identity.SigningCredential;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies SigV4 {@code Authorization} headers and names the caller.
 *
 * <p>Checks, in order, each failing with AWS's code and message: the header is present ({@code
 * MissingAuthenticationTokenException}); it has {@code Credential}, {@code SignedHeaders}, {@code
 * Signature} and the request a date, {@code X-Amz-Date} or else {@code Date} ({@code
 * IncompleteSignatureException}); {@code host} is signed; the date is within 5 minutes of the
 * server's clock; the credential scope names this service, the request's date and {@code
 * aws4_request} ({@code InvalidSignatureException}); the access key is known ({@code
 * UnrecognizedClientException}); the signature matches ({@code InvalidSignatureException}, compared
 * in constant time). Any region is accepted: it becomes the call's region.
 *
 * <p>Temporary credentials: the {@code X-Amz-Security-Token} header, when sent, goes with the access
 * key to {@link CredentialLookup#find(String, String)}. A token that resolves to nothing is {@code
 * ExpiredTokenException} when the {@link SessionExpiry} knows the session expired (in dev mode too:
 * such a session was Keywarden's, and clients refresh on this error), else it is treated like an
 * unknown access key (dev-mode fallback, or {@code UnrecognizedClientException}).
 *
 * <p>The payload hash is {@code x-amz-content-sha256} when sent ({@code UNSIGNED-PAYLOAD} allowed;
 * any other value must be the body's SHA-256, so that an unsigned body cannot be swapped), else the
 * SHA-256 of the body.
 *
 * <p>In dev mode an unknown access key for which {@link CredentialLookup#unverifiedFallback} names a
 * principal passes every check but the signature's.
 *
 * <p>Thread-safe. {@link CredentialLookup#find} is called on the calling (I/O) thread, so it must
 * answer from memory; return the same {@link SigningCredential} instance for an unchanged key to
 * reuse derived signing keys.
 */
public final class SigV4Verifier {
  /** The largest difference AWS accepts between the request's date and the server's clock. */
  public static final long MAX_SKEW_SECONDS = 300;

  private static final byte[] ALGORITHM_LINE =
      (AuthorizationHeader.ALGORITHM + "\n").getBytes(StandardCharsets.US_ASCII);
  private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
  private static final String TERMINATOR = "aws4_request";

  private final CredentialLookup credentials;
  private final SessionExpiry sessions;
  private final Clock clock;
  private final SigningKeyCache signingKeys = new SigningKeyCache(4096);

  /** A verifier that cannot tell expired sessions ({@link SessionExpiry#UNKNOWN}). */
  public SigV4Verifier(CredentialLookup credentials, Clock clock) {
    this(credentials, SessionExpiry.UNKNOWN, clock);
  }

  public SigV4Verifier(CredentialLookup credentials, SessionExpiry sessions, Clock clock) {
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * @param signingName the service's SigV4 name, which the credential scope must name
   * @throws ApiException as described in the class comment
   */
  public Authentication verify(SignedRequest request, String signingName) {
    String authorization = request.header("authorization");
    if (authorization == null) {
      throw SigV4Errors.missingToken();
    }
    String amzDate = request.header("x-amz-date");
    String httpDate = amzDate == null ? request.header("date") : null;
    AuthorizationHeader auth = AuthorizationHeader.parse(authorization, amzDate != null || httpDate != null);

    long requestTime;
    if (amzDate != null) {
      requestTime = AmzDate.parseBasic(amzDate);
      if (requestTime == AmzDate.INVALID) {
        throw SigV4Errors.badDate(amzDate);
      }
    } else {
      requestTime = AmzDate.parseHttpDate(httpDate);
      if (requestTime == AmzDate.INVALID) {
        throw SigV4Errors.badDate(httpDate);
      }
      amzDate = AmzDate.formatBasic(requestTime);
    }

    List<String> signedHeaders = auth.signedHeaderNames();
    if (!signedHeaders.contains("host")) {
      throw SigV4Errors.invalidSignature(SigV4Errors.HOST_NOT_SIGNED);
    }
    checkSkew(amzDate, requestTime);
    checkScope(auth, signingName, amzDate);

    String securityToken = request.header("x-amz-security-token");
    Optional<SigningCredential> found = credentials.find(auth.accessKeyId, securityToken);
    if (found.isEmpty()) {
      if (securityToken != null && sessions.expired(auth.accessKeyId, securityToken)) {
        throw SigV4Errors.expiredToken();
      }
      Optional<Principal> fallback = credentials.unverifiedFallback(auth.accessKeyId);
      if (fallback.isEmpty()) {
        throw SigV4Errors.unrecognizedClient();
      }
      return new Authentication(fallback.get(), auth.region, securityToken, false);
    }
    SigningCredential credential = found.get();
    checkSignature(request, auth, signedHeaders, amzDate, signingKeys.signingKey(auth, credential));
    return new Authentication(credential.principal(), auth.region, securityToken, true);
  }

  private void checkSkew(String amzDate, long requestTime) {
    long now = Math.floorDiv(clock.millis(), 1000L);
    if (requestTime < now - MAX_SKEW_SECONDS) {
      throw SigV4Errors.invalidSignature(
          "Signature expired: " + amzDate + " is now earlier than "
              + AmzDate.formatBasic(now - MAX_SKEW_SECONDS) + " (" + AmzDate.formatBasic(now)
              + " - 5 min.)");
    }
    if (requestTime > now + MAX_SKEW_SECONDS) {
      throw SigV4Errors.invalidSignature(
          "Signature not yet current: " + amzDate + " is still later than "
              + AmzDate.formatBasic(now + MAX_SKEW_SECONDS) + " (" + AmzDate.formatBasic(now)
              + " + 5 min.)");
    }
  }

  /** AWS reports every scope problem at once, each sentence followed by a space. */
  private static void checkScope(AuthorizationHeader auth, String signingName, String amzDate) {
    StringBuilder problems = null;
    if (auth.region.isEmpty()) {
      problems = append(problems, "Credential should be scoped to a valid region, not ''. ");
    }
    if (!auth.service.equals(signingName)) {
      problems =
          append(problems, "Credential should be scoped to correct service: '" + signingName + "'. ");
    }
    if (!auth.terminator.equals(TERMINATOR)) {
      problems = append(problems,
          "Credential should be scoped with a valid terminator: 'aws4_request', not '"
              + auth.terminator + "'. ");
    }
    if (!amzDate.startsWith(auth.date) || auth.date.length() != 8) {
      problems = append(problems,
          "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
              + auth.date + "' != '" + amzDate.substring(0, 8) + "', from '" + amzDate + "'. ");
    }
    if (problems != null) {
      throw SigV4Errors.invalidSignature(problems.toString());
    }
  }

  private static StringBuilder append(StringBuilder problems, String problem) {
    return (problems == null ? new StringBuilder(128) : problems).append(problem);
  }

  private static void checkSignature(
      SignedRequest request,
      AuthorizationHeader auth,
      List<String> signedHeaders,
      String amzDate,
      byte[] signingKey) {
    Scratch scratch = Scratch.get();
    MessageDigest sha256 = scratch.sha256;
    ByteSink sink = scratch.sink;

    sink.reset();
    byte[] bodyHash = sha256.digest(request.body());
    String declared = request.header("x-amz-content-sha256");
    if (declared == null) {
      sink.hex(bodyHash);
    } else if (declared.equals(UNSIGNED_PAYLOAD)) {
      sink.octets(UNSIGNED_PAYLOAD);
    } else {
      sink.hex(bodyHash);
      if (!declared.equalsIgnoreCase(new String(sink.bytes(), 0, sink.length(), StandardCharsets.US_ASCII))) {
        throw SigV4Errors.invalidSignature(SigV4Errors.CONTENT_SHA256_MISMATCH);
      }
      sink.reset();
      sink.octets(declared);
    }
    byte[] payloadHash = java.util.Arrays.copyOf(sink.bytes(), sink.length());

    sink.reset();
    CanonicalRequest.write(sink, request, signedHeaders, auth.signedHeaders, payloadHash);
    sha256.update(sink.bytes(), 0, sink.length());
    byte[] canonicalHash = sha256.digest();

    sink.reset();
    sink.bytes(ALGORITHM_LINE, 0, ALGORITHM_LINE.length)
        .octets(amzDate).octet('\n')
        .octets(auth.scope).octet('\n')
        .hex(canonicalHash);
    byte[] mac;
    try {
      scratch.hmac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 refused a signing key", e);
    }
    scratch.hmac.update(sink.bytes(), 0, sink.length());
    mac = scratch.hmac.doFinal();

    ByteSink expected = scratch.expected;
    expected.reset();
    expected.hex(mac);
    byte[] provided = auth.signature.getBytes(StandardCharsets.ISO_8859_1);
    byte[] computed = java.util.Arrays.copyOf(expected.bytes(), expected.length());
    if (!MessageDigest.isEqual(computed, provided)) {
      throw SigV4Errors.invalidSignature(SigV4Errors.SIGNATURE_MISMATCH);
    }
  }
}
