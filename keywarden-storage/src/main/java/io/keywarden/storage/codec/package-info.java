/**
 * The stored format of records, shared by every SQL backend (SQLite now, PostgreSQL later): the
 * versioned JSON documents of key records ({@link io.keywarden.storage.codec.KeyRecordCodec}), IAM
 * users and roles ({@link io.keywarden.storage.codec.IamUserCodec}, {@link
 * io.keywarden.storage.codec.IamRoleCodec}) and grants ({@link io.keywarden.storage.codec.GrantCodec}),
 * the queried columns beside them and the rules they serve ({@link
 * io.keywarden.storage.codec.KeyColumns}, {@link io.keywarden.storage.codec.GrantColumns}), and the
 * exact text and query forms of instants ({@link io.keywarden.storage.codec.StoredInstants}).
 *
 * <p>What is written here must stay readable by every later release: change it only by adding a new
 * format version next to the old one, never by editing how version 1 is read. Nothing here knows SQL.
 */
package io.keywarden.storage.codec;
