package io.keywarden.services.secrets;

import io.keywarden.domain.storage.Storage;
import io.keywarden.storage.memory.MemoryStorage;

class SecretReplicationMemoryTest extends SecretReplicationTest {
  @Override
  Storage newStorage() {
    return new MemoryStorage();
  }
}
