package io.keywarden.services.secrets;

import io.keywarden.domain.storage.Storage;
import io.keywarden.storage.memory.MemoryStorage;

class SecretsManagerMemoryTest extends SecretsManagerServiceTest {
  @Override
  Storage newStorage() {
    return new MemoryStorage();
  }
}
