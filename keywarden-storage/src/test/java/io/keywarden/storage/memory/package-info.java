/** Tests of the in-memory backend: the contract suite. */
package io.keywarden.storage.memory;
