/** Tests of the SQLite backend: the contract suite on a real file, and what only a file can show. */
package io.keywarden.storage.sqlite;
