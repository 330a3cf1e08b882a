package io.keywarden.services.secrets;

import io.keywarden.services.secrets.rotation.RotationEvent;
import io.keywarden.services.secrets.rotation.RotationFailedException;
import io.keywarden.services.secrets.rotation.RotationFunction;
import io.keywarden.services.secrets.rotation.RotationSecrets;
import io.keywarden.services.secrets.rotation.RotationStep;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A rotation function written as AWS's rotation template for a generic secret is (check the token's
 * labels, createSecret puts a random password as AWSPENDING, testSecret reads it back, finishSecret
 * moves AWSCURRENT), working through {@link RotationSecrets} as a managed rotator does; told to fail
 * at one step, or to skip the promotion.
 */
final class TestRotator implements RotationFunction {
  static final String NAME = "test-rotator";
  static final String ARN = "arn:aws:lambda:us-east-1:111122223333:function:" + NAME;

  final List<RotationEvent> seen = new CopyOnWriteArrayList<>();
  volatile RotationStep failAt;
  volatile boolean skipPromotion;
  private volatile RotationSecrets sm;

  /** Plugs into {@code RotationFunctions.managed}. */
  TestRotator over(RotationSecrets secrets) {
    this.sm = secrets;
    return this;
  }

  @Override
  public void invoke(RotationEvent e) throws RotationFailedException {
    seen.add(e);
    if (e.step() == failAt) {
      throw new RotationFailedException("told to fail at " + e.step().wireName());
    }
    String arn = e.secretId();
    String token = e.clientRequestToken();
    Map<String, List<String>> stages = sm.versionStages(arn);
    if (!stages.containsKey(token)) {
      throw new RotationFailedException("Secret version " + token + " has no stage for rotation");
    }
    if (stages.get(token).contains("AWSCURRENT")) {
      return;
    }
    if (!stages.get(token).contains("AWSPENDING")) {
      throw new RotationFailedException("Secret version " + token + " not set as AWSPENDING");
    }
    switch (e.step()) {
      case CREATE_SECRET -> {
        if (sm.secretString(arn, null, "AWSCURRENT").isEmpty()) {
          throw new RotationFailedException("no AWSCURRENT value");
        }
        if (sm.secretString(arn, token, "AWSPENDING").isEmpty()) {
          sm.putPending(arn, token, "pw-" + sm.randomPassword("/@\"'\\"));
        }
      }
      case SET_SECRET -> { }
      case TEST_SECRET -> {
        if (sm.secretString(arn, token, "AWSPENDING").isEmpty()) {
          throw new RotationFailedException("no AWSPENDING value to test");
        }
      }
      case FINISH_SECRET -> {
        if (skipPromotion) {
          return;
        }
        String current = null;
        for (var s : sm.versionStages(arn).entrySet()) {
          if (s.getValue().contains("AWSCURRENT")) {
            current = s.getKey();
          }
        }
        sm.promote(arn, token, current);
      }
      default -> throw new IllegalStateException();
    }
  }
}
