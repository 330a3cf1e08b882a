package io.keywarden.services.secrets;

import static io.keywarden.services.api.JsonInput.bool;
import static io.keywarden.services.api.JsonInput.has;
import static io.keywarden.services.api.JsonInput.string;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.secret.SecretRecord;
import io.keywarden.domain.secret.SecretRotation;
import io.keywarden.domain.secret.SecretVersion;
import io.keywarden.services.api.ApiException;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.api.OperationTable;
import io.keywarden.services.secrets.rotation.RotationSchedule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * RotateSecret and CancelRotateSecret (API reference; "How rotation works"; "Troubleshoot rotation").
 * RotateSecret sets the rotation configuration, labels a new empty version AWSPENDING (its id is the
 * request's {@code ClientRequestToken}), takes the rotation's lease and starts it in the background
 * ({@link SecretRotations}); it answers before the rotation ends. A token naming an existing version
 * is a retried request and answered as the first was. While a version other than AWSCURRENT's holds
 * AWSPENDING, the previous rotation is unfinished: RotateSecret refuses, as AWS does, and reattempts
 * it. CancelRotateSecret turns rotation off and takes AWSPENDING off an unfinished rotation's version.
 */
final class RotationOperations {
  private final SecretBook book;
  private final SecretValueOperations values;
  private final SecretRotations rotations;

  RotationOperations(SecretBook book, SecretValueOperations values, SecretRotations rotations) {
    this.book = book;
    this.values = values;
    this.rotations = rotations;
  }

  void register(OperationTable table) {
    table.blocking("RotateSecret", this::rotate).blocking("CancelRotateSecret", this::cancel);
  }

  ObjectNode rotate(CallContext ctx, ObjectNode in) {
    String token = string(in, "ClientRequestToken");
    if (token == null) {
      throw SecretsErrors.invalidRequest(
          "You must provide a ClientRequestToken value. We recommend a UUID-type value.");
    }
    if (has(in, "ExternalSecretRotationMetadata") || has(in, "ExternalSecretRotationRoleArn")) {
      throw SecretsErrors.unsupported("managed external secrets (ExternalSecretRotationMetadata)");
    }
    String lambdaArn = string(in, "RotationLambdaARN");
    JsonNode rules = in.get("RotationRules");
    boolean immediately = !Boolean.FALSE.equals(bool(in, "RotateImmediately"));
    Long days = null;
    String expression = null;
    String duration = null;
    if (rules instanceof ObjectNode r) {
      days = r.hasNonNull("AutomaticallyAfterDays") ? r.get("AutomaticallyAfterDays").asLong() : null;
      expression = string(r, "ScheduleExpression");
      duration = string(r, "Duration");
      if (days != null || expression != null || duration != null) {
        try {
          RotationSchedule.of(days, expression, duration);
        } catch (RotationSchedule.InvalidRuleException e) {
          throw SecretsErrors.invalidParameter(e.getMessage());
        }
      }
    }
    boolean newRules = days != null || expression != null || duration != null;
    var keys = SecretAccess.keys();
    if (lambdaArn != null) {
      keys.put("secretsmanager:rotationlambdaarn", List.of(lambdaArn));
    }
    Long fDays = days;
    String fExpression = expression;
    String fDuration = duration;
    return book.retrying(() -> {
      SecretRecord s = values.locate(ctx, string(in, "SecretId"), "RotateSecret", keys, false);
      SecretRotation r = s.rotation();
      String function = lambdaArn != null && !lambdaArn.isEmpty() ? lambdaArn
          : r == null ? null : r.lambdaArn();
      if (function == null) {
        throw SecretsErrors.invalidRequest("No Lambda rotation function ARN is associated with this secret.");
      }
      if (s.version(token).isPresent()) {
        // A retried request: its rotation was started already.
        return answer(s, token);
      }
      Instant now = book.now();
      SecretVersion pending = SecretRotations.pending(s);
      if (pending != null) {
        if (r != null && r.lambdaArn() != null
            && (r.leaseUntil() == null || !r.leaseUntil().isAfter(now))) {
          book.save(ctx, s.next().rotation(r.withLease(now.plus(SecretRotations.LEASE))).build());
          rotations.launch(s.arn(), pending.versionId(), false);
        }
        throw previousRotationIncomplete();
      }
      if (!rotations.invocable(function)) {
        throw new ApiException("AccessDeniedException", "Secrets Manager cannot invoke the specified"
            + " Lambda function. Ensure that the function policy grants access to the principal"
            + " secretsmanager.amazonaws.com.");
      }
      SecretRotation configured = configure(r, function, newRules, fDays, fExpression, fDuration, now);
      List<SecretVersion> versions;
      if (immediately) {
        versions = SecretRotations.withPendingVersion(s.versions(), token, now);
      } else {
        SecretVersion current = s.versionAt(StagingLabels.CURRENT).filter(SecretVersion::hasValue)
            .orElseThrow(() -> SecretsErrors.noValueForStage(StagingLabels.CURRENT));
        versions = new ArrayList<>(s.versions());
        versions.add(values.copyOf(ctx, s, current, token));
        versions = StagingLabels.move(versions, StagingLabels.PENDING, token);
      }
      book.save(ctx, s.next().versions(versions)
          .rotation(configured.withLease(now.plus(SecretRotations.LEASE))).build());
      rotations.launch(s.arn(), token, !immediately);
      return answer(s, token);
    });
  }

  private static SecretRotation configure(SecretRotation r, String function, boolean newRules, Long days,
      String expression, String duration, Instant now) {
    Long d = newRules ? days : r == null ? null : r.automaticallyAfterDays();
    String e = newRules ? expression : r == null ? null : r.scheduleExpression();
    String w = newRules ? duration : r == null ? null : r.duration();
    Instant last = r == null ? null : r.lastRotatedDate();
    SecretRotation rules = new SecretRotation(true, function, d, e, w, last, null);
    RotationSchedule.Window next =
        SecretRotations.schedule(rules).map(s -> s.next(last, now)).orElse(null);
    return new SecretRotation(true, function, d, e, w, last, next == null ? null : next.end(),
        next == null ? null : next.start(), null, r == null ? null : r.lastFailure(),
        r == null ? 0 : r.failedAttempts());
  }

  ObjectNode cancel(CallContext ctx, ObjectNode in) {
    return book.retrying(() -> {
      SecretRecord s = values.locate(ctx, string(in, "SecretId"), "CancelRotateSecret",
          SecretAccess.keys(), false);
      SecretRotation r = s.rotation();
      if (r == null || r.lambdaArn() == null) {
        throw SecretsErrors.invalidRequest("You tried to enable rotation on a secret that doesn't"
            + " already have a Lambda function ARN configured and you didn't include such an ARN as a"
            + " parameter in this call.");
      }
      SecretVersion pending = SecretRotations.pending(s);
      List<SecretVersion> versions = s.versions();
      if (pending != null) {
        versions = StagingLabels.detach(versions, pending.versionId(), StagingLabels.PENDING);
      }
      book.save(ctx, s.next().versions(versions).rotation(r.withEnabled(false).withLease(null))
          .lastChangedDate(book.now()).build());
      ObjectNode out = SecretViews.arnAndName(s);
      if (pending != null) {
        out.put("VersionId", pending.versionId());
      }
      return out;
    });
  }

  private static ObjectNode answer(SecretRecord s, String token) {
    ObjectNode out = SecretViews.arnAndName(s);
    out.put("VersionId", token);
    return out;
  }

  private static ApiException previousRotationIncomplete() {
    return SecretsErrors.invalidRequest(
        "A previous rotation isn't complete. That rotation will be reattempted.");
  }
}
