/**
 * {@link io.keywarden.audit.file.FileAuditLog}: the audit log in a directory of segment files, written by
 * one group-commit thread (one fsync per batch of appends), with signed digests, fail-closed error
 * handling, crash recovery of a torn last line, retention, newest-first reads and export.
 */
package io.keywarden.audit.file;
