package io.keywarden.protocol.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.protocol.query.QueryError;
import io.keywarden.protocol.query.QueryErrors;
import io.keywarden.protocol.query.QueryModel;
import io.keywarden.services.api.ApiException;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * AWS Query answers: {@code text/xml} documents written by the service's {@link QueryModel}, with the
 * code and status it resolves for each error; unexpected failures are {@code InternalFailure} (500,
 * {@code Receiver}).
 */
final class QueryWire implements Wire {
  private static final QueryError INTERNAL = new QueryError(QueryErrors.INTERNAL_FAILURE, 500, false);

  private final QueryModel model;

  QueryWire(QueryModel model) {
    this.model = model;
  }

  QueryModel model() {
    return model;
  }

  @Override
  public FullHttpResponse result(
      ByteBufAllocator alloc, HttpVersion version, String operation, ObjectNode output, String requestId) {
    return Responses.bytes(alloc, version, HttpResponseStatus.OK, Responses.TEXT_XML,
        model.result(operation, output, requestId), requestId);
  }

  @Override
  public FullHttpResponse error(ByteBufAllocator alloc, HttpVersion version, ApiException e, String requestId) {
    return document(alloc, version, model.error(e), e.getMessage(), requestId);
  }

  @Override
  public String errorCode(ApiException e) {
    return model.error(e).code();
  }

  @Override
  public String internalErrorCode() {
    return INTERNAL.code();
  }

  @Override
  public FullHttpResponse internal(ByteBufAllocator alloc, HttpVersion version, String requestId) {
    return document(alloc, version, INTERNAL, Dispatcher.INTERNAL_MESSAGE, requestId);
  }

  private FullHttpResponse document(
      ByteBufAllocator alloc, HttpVersion version, QueryError error, String message, String requestId) {
    return Responses.bytes(alloc, version, HttpResponseStatus.valueOf(error.status()), Responses.TEXT_XML,
        model.errorDocument(error, message, requestId), requestId);
  }
}
