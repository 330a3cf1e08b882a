package io.keywarden.protocol.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A minimal HTTP/1.x client over a socket, for what real clients will not send. */
final class RawHttp implements AutoCloseable {
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** A parsed response. */
  static final class Response {
    final String version;
    final int status;
    final Map<String, String> headers;
    final String body;

    Response(String version, int status, Map<String, String> headers, String body) {
      this.version = version;
      this.status = status;
      this.headers = headers;
      this.body = body;
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawHttp(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  /** Headers of a dev-mode request: well-formed SigV4 with any signature. */
  static String devAuth(String target) {
    String date = AMZ_DATE.format(Instant.now());
    return "X-Amz-Target: " + target + "\r\n"
        + "Content-Type: application/x-amz-json-1.1\r\n"
        + "X-Amz-Date: " + date + "\r\n"
        + "Authorization: AWS4-HMAC-SHA256 Credential=devkey/" + date.substring(0, 8)
        + "/us-east-1/kms/aws4_request, SignedHeaders=host;x-amz-date, Signature=00\r\n";
  }

  static String post(String version, String extraHeaders, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return "POST / " + version + "\r\nHost: localhost\r\n" + extraHeaders + "Content-Length: " + bytes.length
        + "\r\n\r\n" + body;
  }

  RawHttp send(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
    return this;
  }

  RawHttp send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  /** Reads one response with a Content-Length body. */
  Response read() throws IOException {
    String statusLine = line();
    String[] parts = statusLine.split(" ", 3);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = line(); !line.isEmpty(); line = line()) {
      int colon = line.indexOf(':');
      headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
    }
    int length = headers.containsKey("content-length") ? Integer.parseInt(headers.get("content-length")) : 0;
    byte[] body = in.readNBytes(length);
    return new Response(parts[0], Integer.parseInt(parts[1]), headers, new String(body, StandardCharsets.UTF_8));
  }

  /** Whether the server has closed the connection (reads end of stream). */
  boolean closedByServer() throws IOException {
    try {
      return in.read() == -1;
    } catch (java.net.SocketException e) {
      return true;
    }
  }

  private String line() throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        break;
      }
      if (b != '\r') {
        buffer.write(b);
      }
    }
    if (b == -1 && buffer.size() == 0) {
      throw new IOException("connection closed");
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
