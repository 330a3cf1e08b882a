package io.keywarden.domain.policy;

/** How a statement's Principal element matched the caller. */
public enum PrincipalMatch {
  /** No Principal element (an identity policy's statement). */
  NOT_APPLICABLE,
  /** It does not name the caller. */
  NONE,
  /** It names the caller itself (its user, role, session or service principal). */
  SPECIFIC,
  /** It names the caller's account ({@code 111122223333} or {@code arn:aws:iam::111122223333:root}). */
  ACCOUNT,
  /** {@code "*"}: everyone. */
  EVERYONE;

  public boolean matched() {
    return this != NONE;
  }
}
