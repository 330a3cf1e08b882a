package io.keywarden.services.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One API operation. */
@FunctionalInterface
public interface Operation {

  /**
   * @param input the request body, already validated against the operation's input shape in the
   *     service model (types, required members, lengths, ranges, enums)
   * @return the response body (timestamps as epoch seconds, blobs as base64, as AWS JSON 1.1 has them)
   * @throws ApiException for every failure the caller should see
   */
  ObjectNode invoke(CallContext context, ObjectNode input);
}
