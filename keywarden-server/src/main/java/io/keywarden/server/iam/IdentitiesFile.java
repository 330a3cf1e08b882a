package io.keywarden.server.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.keywarden.services.identity.declared.DeclaredIdentities;
import io.keywarden.services.identity.declared.IdentitiesDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads an identities file (format: {@code docs/identities.md}). A name ending in {@code .json} is
 * read as JSON, anything else as YAML (JSON is YAML too).
 */
public final class IdentitiesFile {
  private IdentitiesFile() {}

  /**
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if it is not a valid identities file (the message says where)
   */
  public static DeclaredIdentities read(Path file) throws IOException {
    ObjectMapper mapper =
        file.getFileName().toString().endsWith(".json")
            ? new ObjectMapper()
            : new ObjectMapper(new YAMLFactory());
    JsonNode root;
    try {
      root = mapper.readTree(Files.readAllBytes(file));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(file + ": " + e.getOriginalMessage());
    }
    try {
      return IdentitiesDocument.parse(root);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }
}
