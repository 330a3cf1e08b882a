package io.keywarden.storage.memory;

import io.keywarden.domain.storage.Storage;
import io.keywarden.storage.contract.StorageContractTest;

class MemoryStorageTest extends StorageContractTest {
  @Override
  protected Storage newStorage() {
    return new MemoryStorage();
  }
}
