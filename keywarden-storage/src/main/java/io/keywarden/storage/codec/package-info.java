/**
 * The stored format of records, shared by every SQL backend (SQLite now, PostgreSQL later): the
 * versioned JSON document of a key record ({@link io.keywarden.storage.codec.KeyRecordCodec}), the
 * queried columns beside it and the due-for-work rule they serve ({@link
 * io.keywarden.storage.codec.KeyColumns}), and the exact text and query forms of instants ({@link
 * io.keywarden.storage.codec.StoredInstants}).
 *
 * <p>What is written here must stay readable by every later release: change it only by adding a new
 * format version next to the old one, never by editing how version 1 is read. Nothing here knows SQL.
 */
package io.keywarden.storage.codec;
