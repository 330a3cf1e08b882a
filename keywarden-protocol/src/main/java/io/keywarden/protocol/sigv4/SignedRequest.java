package io.keywarden.protocol.sigv4;

import java.util.List;

/**
 * The parts of an HTTP request that SigV4 covers, as received.
 *
 * <p>Strings hold octets as received, one {@code char} per octet (ISO-8859-1), which is how Netty
 * decodes request lines and headers; characters above U+00FF, if any, are taken as UTF-8.
 */
public interface SignedRequest {

  /** The method, e.g. {@code POST}. */
  String method();

  /** The path of the request target, still percent-encoded, e.g. {@code /}. */
  String rawPath();

  /** The query of the request target without {@code ?}, still percent-encoded; empty if none. */
  String rawQuery();

  /** The first value of a header (names are case-insensitive), or {@code null}. */
  String header(String name);

  /** Every value of a header, in the order received; empty if none. */
  List<String> headerValues(String name);

  /** The request body. */
  byte[] body();
}
