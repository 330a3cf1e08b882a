package io.keywarden.protocol.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.protocol.json.ServiceModel;
import io.keywarden.services.api.ApiException;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * AWS JSON 1.1 answers: the output as the body, errors as {@code {"__type":...,"message":...}} with
 * the model's status ({@link ServiceModel#httpStatus}); without a model (a target no service claims),
 * 400 or 500 by the error's fault and {@code InternalFailure} for unexpected failures.
 */
final class JsonWire implements Wire {
  static final JsonWire WITHOUT_MODEL = new JsonWire(null);
  private static final ObjectNode EMPTY = JsonNodeFactory.instance.objectNode();

  private final ServiceModel model;

  JsonWire(ServiceModel model) {
    this.model = model;
  }

  @Override
  public FullHttpResponse result(
      ByteBufAllocator alloc, HttpVersion version, String operation, ObjectNode output, String requestId) {
    return Responses.json(alloc, version, HttpResponseStatus.OK, Responses.AMZ_JSON,
        output == null ? EMPTY : output, requestId);
  }

  @Override
  public FullHttpResponse error(ByteBufAllocator alloc, HttpVersion version, ApiException e, String requestId) {
    int status = model != null
        ? model.httpStatus(e)
        : e.fault() == ApiException.Fault.SERVER ? 500 : 400;
    return Responses.error(alloc, version, status, e.code(), e.getMessage(), Responses.AMZ_JSON, requestId);
  }

  @Override
  public String internalErrorCode() {
    return model != null ? model.internalErrorCode() : "InternalFailure";
  }

  @Override
  public FullHttpResponse internal(ByteBufAllocator alloc, HttpVersion version, String requestId) {
    String code = internalErrorCode();
    return Responses.error(alloc, version, 500, code, Dispatcher.INTERNAL_MESSAGE, Responses.AMZ_JSON, requestId);
  }
}
