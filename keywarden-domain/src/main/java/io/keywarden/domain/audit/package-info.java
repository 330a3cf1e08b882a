/**
 * The audit log port: CloudTrail-shaped events appended durably before a call answers (DESIGN.md
 * principle 4), read back for LookupEvents, export and verification. Implementations live outside the
 * domain (keywarden-audit).
 */
package io.keywarden.domain.audit;
