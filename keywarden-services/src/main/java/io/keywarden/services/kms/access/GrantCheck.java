package io.keywarden.services.kms.access;

import io.keywarden.domain.key.Grant;
import java.util.Optional;

/** Whether a grant on the key allows the request's operation to its caller (asked only when needed). */
@FunctionalInterface
public interface GrantCheck {
  Optional<Grant> allowingGrant();

  /** No grant applies (resources that are not keys, operations that grants cannot allow). */
  GrantCheck NONE = Optional::empty;
}
