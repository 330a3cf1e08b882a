package io.keywarden.services.secrets;

import io.keywarden.domain.storage.Storage;
import io.keywarden.storage.sqlite.SqliteStorage;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SecretReplicationSqliteTest extends SecretReplicationTest {
  @TempDir Path dir;

  @Override
  Storage newStorage() {
    return SqliteStorage.open(dir);
  }
}
