package io.keywarden.audit.signing;

import java.util.Optional;

/**
 * Where the log gets its signer from, each time a digest is due. Empty while the signing key cannot be
 * used (the root of trust is sealed): the digest is then postponed, and the records written meanwhile
 * stay "not yet covered" until the next digest.
 */
@FunctionalInterface
public interface DigestSigning {
  Optional<DigestSigner> signer();
}
