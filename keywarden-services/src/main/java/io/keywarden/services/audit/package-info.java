/**
 * The audit trail of API calls: {@link io.keywarden.services.audit.CloudTrailEvents} turns one call
 * ({@link io.keywarden.services.audit.ApiCall}: who, what, input, output or error, and the {@link
 * io.keywarden.services.api.AuditFacts} the service gave) into CloudTrail records, recording only the
 * request and response members that {@link io.keywarden.services.audit.AuditRules} allow for the
 * operation (an allow-list: an unknown member, or an unknown operation's members, are left out), so
 * that no plaintext, ciphertext, key material, signature, MAC, credential or secret value reaches the
 * log. {@link io.keywarden.services.audit.AuditTrail} appends them to the domain's {@link
 * io.keywarden.domain.audit.AuditLog}; the protocol layer releases a response only once its records
 * are durable (fail-closed).
 *
 * <p>Used by the protocol layer and by services' background jobs; the domain must not import it.
 */
package io.keywarden.services.audit;
