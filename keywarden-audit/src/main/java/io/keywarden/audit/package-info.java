/**
 * The file-backed implementation of the audit log port {@link io.keywarden.domain.audit.AuditLog}
 * (docs/adr/0006-audit-log.md): {@code format} (the record lines and segment files), {@code file}
 * (the group-commit writer, reads, retention, export), {@code signing} (the digest signing key, wrapped
 * by the root of trust) and {@code verify} (the integrity check behind {@code keywarden audit verify}).
 *
 * <p>Depends on the domain only; services and protocol see the port, never these packages.
 */
package io.keywarden.audit;
