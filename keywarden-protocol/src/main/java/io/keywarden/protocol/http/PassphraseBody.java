package io.keywarden.protocol.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.keywarden.protocol.json.JsonCodec;
import io.keywarden.services.api.ApiException;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads {@code {"passphrase":"..."}} into a {@code char[]} with Jackson's streaming parser, so that the
 * passphrase never becomes a {@link String}; the caller wipes the array and the request bytes.
 */
final class PassphraseBody {
  private PassphraseBody() {}

  /**
   * @throws ApiException {@code SerializationException} for a body that is not a JSON object, {@code
   *     ValidationException} when {@code passphrase} is missing or not a string
   */
  static char[] read(byte[] body) {
    char[] found = null;
    try (JsonParser parser = JsonCodec.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new ApiException("SerializationException", null);
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("passphrase".equals(name) && value == JsonToken.VALUE_STRING) {
          if (found != null) {
            Arrays.fill(found, '\0');
          }
          int offset = parser.getTextOffset();
          found = Arrays.copyOfRange(parser.getTextCharacters(), offset, offset + parser.getTextLength());
        } else {
          parser.skipChildren();
        }
      }
    } catch (JsonProcessingException e) {
      wipe(found);
      throw new ApiException("SerializationException", null);
    } catch (IOException e) {
      wipe(found);
      throw new ApiException("SerializationException", null);
    }
    if (found == null) {
      throw new ApiException(
          "ValidationException",
          "1 validation error detected: Value null at 'passphrase' failed to satisfy constraint: "
              + "Member must not be null");
    }
    return found;
  }

  private static void wipe(char[] chars) {
    if (chars != null) {
      Arrays.fill(chars, '\0');
    }
  }
}
