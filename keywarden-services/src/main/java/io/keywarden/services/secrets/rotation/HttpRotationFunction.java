package io.keywarden.services.secrets.rotation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * A rotation function reached over HTTP(S): each step is a {@code POST} of the JSON event a Lambda
 * rotation function receives, {@code {"SecretId", "ClientRequestToken", "Step"}}; a 2xx answer means
 * the step succeeded, anything else (another status, no answer within the timeout, no connection)
 * that it failed. The endpoint does its work by calling Keywarden's API with its own credentials.
 */
final class HttpRotationFunction implements RotationFunction {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** How much of a failing answer's body the failure report keeps. */
  private static final int MAX_REPORTED = 256;

  private final HttpClient client;
  private final URI endpoint;
  private final Duration timeout;

  HttpRotationFunction(HttpClient client, URI endpoint, Duration timeout) {
    this.client = client;
    this.endpoint = endpoint;
    this.timeout = timeout;
  }

  @Override
  public void invoke(RotationEvent event) throws RotationFailedException {
    ObjectNode body = JSON.createObjectNode()
        .put("SecretId", event.secretId())
        .put("ClientRequestToken", event.clientRequestToken())
        .put("Step", event.step().wireName());
    HttpRequest request = HttpRequest.newBuilder(endpoint)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
        .build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new RotationFailedException("the rotation function did not answer within "
          + timeout.toSeconds() + " seconds");
    } catch (IOException e) {
      throw new RotationFailedException("the rotation function could not be reached: "
          + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RotationFailedException("interrupted while the rotation function ran");
    }
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      String said = response.body() == null ? "" : response.body().strip();
      if (said.length() > MAX_REPORTED) {
        said = said.substring(0, MAX_REPORTED) + "...";
      }
      throw new RotationFailedException("the rotation function answered HTTP " + status
          + (said.isEmpty() ? "" : ": " + said));
    }
  }
}
