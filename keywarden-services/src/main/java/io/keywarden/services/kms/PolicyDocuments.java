package io.keywarden.services.kms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Key policy documents as KMS stores them. AWS re-serializes a policy it accepts in its pretty-printed
 * form ({@code "Version" : "2012-10-17"}, members in the order given); so does Keywarden. Until the
 * policy language is evaluated (the access-control issue), a policy must be a JSON object with a
 * {@code Statement}.
 */
final class PolicyDocuments {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PolicyDocuments() {}

  /** The policy as it will be stored and returned by GetKeyPolicy. */
  static String normalized(String policy) {
    JsonNode doc;
    try {
      doc = JSON.readTree(policy);
    } catch (JsonProcessingException e) {
      throw KmsErrors.malformedPolicy("The policy is not valid JSON.");
    }
    if (doc == null || !doc.isObject()) {
      throw KmsErrors.malformedPolicy("The policy is not valid JSON.");
    }
    JsonNode statement = doc.get("Statement");
    if (statement == null || !(statement.isArray() || statement.isObject())) {
      throw KmsErrors.malformedPolicy("Policy is missing required element - Statement");
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
