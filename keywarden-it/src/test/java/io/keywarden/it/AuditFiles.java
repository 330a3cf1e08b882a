package io.keywarden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The CloudTrail records a server wrote, read from its audit directory's segment files ({@code
 * audit-<seq>.jsonl}, one {@code {"seq":..,"type":"event",..,"event":{record}}} line each; ADR 6), not
 * through the server: what a test sees is what is on disk. A segment's data ends at its first zero byte
 * (the preallocated tail of a running log's newest segment).
 */
public final class AuditFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AuditFiles() {}

  /** Every CloudTrail record in the log, in file order. */
  public static List<JsonNode> records(Path auditDir) {
    List<JsonNode> records = new ArrayList<>();
    try (Stream<Path> files = Files.list(auditDir)) {
      for (Path segment : files.filter(p -> p.getFileName().toString().matches("audit-\\d{20}\\.jsonl"))
          .sorted().toList()) {
        byte[] bytes = Files.readAllBytes(segment);
        int end = 0; // a running log's newest segment goes on with preallocated zeros (ADR 6)
        while (end < bytes.length && bytes[end] != 0) {
          end++;
        }
        for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).lines().toList()) {
          JsonNode record = JSON.readTree(line);
          if ("event".equals(record.path("type").asText())) {
            records.add(record.get("event"));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return records;
  }

  /** The records of one request (more than one when it used another account's resource). */
  public static List<JsonNode> ofRequest(Path auditDir, String requestId) {
    return records(auditDir).stream().filter(r -> requestId.equals(r.path("requestID").asText())).toList();
  }

  /** The one record of a request. */
  public static JsonNode only(Path auditDir, String requestId) {
    List<JsonNode> found = ofRequest(auditDir, requestId);
    assertEquals(1, found.size(), "records of request " + requestId + ": " + found);
    return found.get(0);
  }
}
