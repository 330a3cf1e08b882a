/**
 * Verification of an audit log from its files and a public key alone (no secret, no running server):
 * {@link io.keywarden.audit.verify.AuditVerifier} checks the hash chain, the sequence numbers, the
 * digest signatures and coverage, and reports each problem as a {@link
 * io.keywarden.audit.verify.Finding}.
 */
package io.keywarden.audit.verify;
