/**
 * The audit signing key: an Ed25519 key pair generated once per log, whose private key is stored only
 * wrapped by the root of trust and whose public key is stored in plain form (SPKI PEM) beside the log
 * and can be exported, so that verifying the log needs no secret.
 */
package io.keywarden.audit.signing;
