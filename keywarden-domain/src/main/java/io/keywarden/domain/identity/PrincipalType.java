package io.keywarden.domain.identity;

/** Principal types, named as CloudTrail's {@code userIdentity.type}. */
public enum PrincipalType {
  Root,
  IAMUser,
  AssumedRole,
  AWSService
}
