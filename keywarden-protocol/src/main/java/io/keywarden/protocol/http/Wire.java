package io.keywarden.protocol.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.services.api.ApiException;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpVersion;

/** How a service's answers are written: AWS JSON 1.1 ({@link JsonWire}) or AWS Query ({@link QueryWire}). */
interface Wire {

  /** A successful call's answer; {@code output} may be {@code null}. */
  FullHttpResponse result(
      ByteBufAllocator alloc, HttpVersion version, String operation, ObjectNode output, String requestId);

  /** An error, with the status the service's model gives it. */
  FullHttpResponse error(ByteBufAllocator alloc, HttpVersion version, ApiException e, String requestId);

  /** The service's internal error, with a message that says nothing about the failure. */
  FullHttpResponse internal(ByteBufAllocator alloc, HttpVersion version, String requestId);

  /** The code the caller sees for {@code e}, as the audit record names it. */
  default String errorCode(ApiException e) {
    return e.code();
  }

  /** The code of {@link #internal}'s error ({@code KMSInternalException}, {@code InternalFailure}). */
  String internalErrorCode();
}
