package io.keywarden.services.secrets.rotation;

/** The steps of AWS's rotation protocol, in the order they run; {@link #wireName()} is the event's {@code Step}. */
public enum RotationStep {
  CREATE_SECRET("createSecret"),
  SET_SECRET("setSecret"),
  TEST_SECRET("testSecret"),
  FINISH_SECRET("finishSecret");

  private final String wireName;

  RotationStep(String wireName) {
    this.wireName = wireName;
  }

  /** The name a rotation function receives in the event's {@code Step}. */
  public String wireName() {
    return wireName;
  }
}
