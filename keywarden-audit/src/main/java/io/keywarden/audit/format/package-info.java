/**
 * The on-disk format of the audit log: segment files of JSON lines, each line an {@link
 * io.keywarden.audit.format.AuditRecord} (an event or a signed digest) carrying its sequence number
 * and the SHA-256 of the previous line. Encoding is canonical: a line parses only if encoding the parsed
 * record gives back the same bytes.
 */
package io.keywarden.audit.format;
