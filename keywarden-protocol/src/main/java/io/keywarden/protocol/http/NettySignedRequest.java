package io.keywarden.protocol.http;

import io.keywarden.protocol.sigv4.SignedRequest;
import io.netty.handler.codec.http.HttpRequest;
import java.util.List;

/** A Netty request as SigV4 sees it. Netty decodes header octets as ISO-8859-1, as SigV4 needs. */
final class NettySignedRequest implements SignedRequest {
  private final HttpRequest request;
  private final String path;
  private final String query;
  private final byte[] body;

  NettySignedRequest(HttpRequest request, String path, String query, byte[] body) {
    this.request = request;
    this.path = path;
    this.query = query;
    this.body = body;
  }

  @Override
  public String method() {
    return request.method().name();
  }

  @Override
  public String rawPath() {
    return path;
  }

  @Override
  public String rawQuery() {
    return query;
  }

  @Override
  public String header(String name) {
    return request.headers().get(name);
  }

  @Override
  public List<String> headerValues(String name) {
    return request.headers().getAll(name);
  }

  @Override
  public byte[] body() {
    return body;
  }
}
