package io.keywarden.protocol.http;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpVersion;

/**
 * A request the HTTP layer refused before it could be assembled (malformed, a header or line too
 * long, a body over the limit), passed on in its place so that it is answered in order and audited
 * like any other call; the connection is closed after the answer, since the rest of the request cannot
 * be told apart from a next one.
 *
 * @param headers what of the request's headers was read (empty when they could not be)
 * @param path the request's path, or {@code null} when its line could not be read
 */
record RefusedRequest(HttpVersion version, HttpHeaders headers, String path, int status, String code,
    String message) {}
