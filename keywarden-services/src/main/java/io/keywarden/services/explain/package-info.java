/**
 * Keywarden's explain API (model {@code keywarden}, AWS JSON 1.1, target prefix {@code Keywarden},
 * signed for {@code kms}): {@code ExplainKeyAccess} answers whether a principal may perform a KMS action
 * on a key in a given request context, and which key policy statements, identity policy statements and
 * grant decided, by asking {@link io.keywarden.services.kms.KmsService#explain} — the authorisation
 * code that enforces real requests. Not an AWS API: no AWS SDK has a client for it; {@code keywarden
 * explain} is its command line client.
 */
package io.keywarden.services.explain;
