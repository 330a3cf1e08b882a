package io.keywarden.domain.policy;

/** A statement's effect. */
public enum Effect {
  Allow,
  Deny
}
