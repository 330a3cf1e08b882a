package io.keywarden.protocol.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.protocol.json.JsonCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;

/**
 * Builds responses: JSON bodies written straight into pooled buffers, {@code x-amzn-RequestId} and
 * {@code Content-Type} on every one, and AWS JSON's error body {@code
 * {"__type":"<Code>","message":"..."}} (no {@code message} when there is none). The Query
 * protocol's XML comes encoded ({@link #bytes}).
 */
final class Responses {
  static final AsciiString AMZ_JSON = AsciiString.cached("application/x-amz-json-1.1");
  static final AsciiString JSON = AsciiString.cached("application/json");
  static final AsciiString TEXT_XML = AsciiString.cached("text/xml");
  static final AsciiString REQUEST_ID = AsciiString.cached("x-amzn-RequestId");

  /** Our own headers are well-formed; skipping validation keeps the hot path cheap. */
  private static final HttpHeadersFactory HEADERS =
      DefaultHttpHeadersFactory.headersFactory().withValidation(false);
  private static final HttpHeadersFactory TRAILERS =
      DefaultHttpHeadersFactory.trailersFactory().withValidation(false);

  private Responses() {}

  static FullHttpResponse json(
      ByteBufAllocator alloc,
      HttpVersion version,
      HttpResponseStatus status,
      AsciiString contentType,
      JsonNode body,
      String requestId) {
    ByteBuf buffer = alloc.buffer(256);
    try {
      JsonCodec.write(body, new ByteBufOutputStream(buffer));
    } catch (RuntimeException e) {
      buffer.release();
      throw e;
    }
    DefaultFullHttpResponse response = new DefaultFullHttpResponse(version, status, buffer, HEADERS, TRAILERS);
    response.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, contentType)
        .set(REQUEST_ID, requestId)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, buffer.readableBytes());
    return response;
  }

  /** A body already encoded (the Query protocol's XML). */
  static FullHttpResponse bytes(
      ByteBufAllocator alloc,
      HttpVersion version,
      HttpResponseStatus status,
      AsciiString contentType,
      byte[] body,
      String requestId) {
    ByteBuf buffer = alloc.buffer(body.length);
    buffer.writeBytes(body);
    DefaultFullHttpResponse response = new DefaultFullHttpResponse(version, status, buffer, HEADERS, TRAILERS);
    response.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, contentType)
        .set(REQUEST_ID, requestId)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, buffer.readableBytes());
    return response;
  }

  static FullHttpResponse error(
      ByteBufAllocator alloc,
      HttpVersion version,
      int status,
      String code,
      String message,
      AsciiString contentType,
      String requestId) {
    ObjectNode body = JsonNodeFactory.instance.objectNode().put("__type", code);
    if (message != null && !message.isEmpty()) {
      body.put("message", message);
    }
    return json(alloc, version, HttpResponseStatus.valueOf(status), contentType, body, requestId);
  }
}
