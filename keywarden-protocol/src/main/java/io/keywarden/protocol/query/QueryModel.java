package io.keywarden.protocol.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.services.api.ApiException;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code "protocol": "query"} service model compiled for the wire, once: its {@code apiVersion}
 * and {@code xmlNamespace}, each operation's input and output shapes and result wrapper, and its
 * error shapes. Thread-safe once built.
 *
 * <p>Responses (the Query protocol's, as in the STS API reference):
 *
 * <pre>{@code
 * <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
 *   <AssumeRoleResult>...output members...</AssumeRoleResult>
 *   <ResponseMetadata><RequestId>...</RequestId></ResponseMetadata>
 * </AssumeRoleResponse>
 *
 * <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
 *   <Error><Type>Sender</Type><Code>...</Code><Message>...</Message></Error>
 *   <RequestId>...</RequestId>
 * </ErrorResponse>
 * }</pre>
 *
 * (without the whitespace). An error's code and status ({@link #error}): a modeled error, named by
 * its shape or by its {@code error.code}, is sent with the model's {@code error.code}, {@code
 * httpStatusCode} and {@code senderFault}; a common Query error ({@link QueryErrors}) with AWS's
 * status for it; any other with 400 ({@code Sender}) or 500 ({@code Receiver}) by its fault.
 */
public final class QueryModel {
  private final String apiVersion;
  private final String xmlNamespace;
  private final Map<String, QueryOperation> operations;
  private final Map<String, QueryError> errors;

  private QueryModel(
      String apiVersion, String xmlNamespace, Map<String, QueryOperation> operations, Map<String, QueryError> errors) {
    this.apiVersion = apiVersion;
    this.xmlNamespace = xmlNamespace;
    this.operations = operations;
    this.errors = errors;
  }

  /**
   * Compiles a model's definition (the parsed {@code service-2.json}).
   *
   * @throws IllegalArgumentException if the model's protocol is not {@code query} or it refers to a
   *     shape it lacks
   */
  public static QueryModel compile(JsonNode definition) {
    JsonNode metadata = definition.path("metadata");
    if (!"query".equals(metadata.path("protocol").asText())) {
      throw new IllegalArgumentException("Not a Query model: " + metadata.path("protocol").asText("(none)"));
    }
    WireShapes shapes = new WireShapes(definition.path("shapes"));
    Map<String, QueryOperation> operations = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> op : definition.path("operations").properties()) {
      JsonNode def = op.getValue();
      WireStructure input = structure(shapes, def.path("input").path("shape").asText(null), op.getKey());
      WireStructure output = structure(shapes, def.path("output").path("shape").asText(null), op.getKey());
      String wrapper = def.path("output").path("resultWrapper").asText(null);
      operations.put(op.getKey(), new QueryOperation(op.getKey(), input, output, wrapper));
    }
    Map<String, QueryError> errors = new HashMap<>();
    for (Map.Entry<String, JsonNode> shape : definition.path("shapes").properties()) {
      JsonNode def = shape.getValue();
      if (!def.path("exception").asBoolean(false)) {
        continue;
      }
      JsonNode error = def.path("error");
      String code = error.path("code").asText(shape.getKey());
      boolean fault = def.path("fault").asBoolean(false);
      int status = error.path("httpStatusCode").asInt(fault ? 500 : 400);
      boolean sender = error.path("senderFault").asBoolean(!fault && status < 500);
      QueryError resolved = new QueryError(code, status, sender);
      errors.put(shape.getKey(), resolved);
      errors.putIfAbsent(code, resolved);
    }
    return new QueryModel(
        metadata.path("apiVersion").asText(""),
        metadata.path("xmlNamespace").asText(""),
        Collections.unmodifiableMap(operations),
        Collections.unmodifiableMap(errors));
  }

  private static WireStructure structure(WireShapes shapes, String name, String operation) {
    if (name == null) {
      return null;
    }
    WireShape shape = shapes.compile(name);
    if (!(shape instanceof WireStructure)) {
      throw new IllegalArgumentException(operation + "'s input or output is not a structure");
    }
    return (WireStructure) shape;
  }

  /** The model's {@code apiVersion}, which a request's {@code Version} must name. */
  public String apiVersion() {
    return apiVersion;
  }

  /** The model's {@code xmlNamespace}; empty if none. */
  public String xmlNamespace() {
    return xmlNamespace;
  }

  /** Whether the model has that operation. */
  public boolean hasOperation(String operation) {
    return operations.containsKey(operation);
  }

  /**
   * The operation's input as the JSON object services see, read from the form by the input shape
   * (see {@link FormReader}); not yet checked against the model's constraints.
   *
   * @throws ApiException {@code ValidationError} for a value that is not of its member's type
   */
  public ObjectNode readInput(String operation, FormParameters form) {
    QueryOperation op = operation(operation);
    if (op.input() == null) {
      return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    }
    return FormReader.read(form, op.input());
  }

  /** The response document of a successful call. {@code output} may be {@code null}. */
  public byte[] result(String operation, ObjectNode output, String requestId) {
    QueryOperation op = operation(operation);
    String root = operation + "Response";
    XmlWriter out = new XmlWriter(512).start(root, xmlNamespace);
    if (op.output() != null && output != null) {
      if (op.resultWrapper() != null) {
        out.start(op.resultWrapper());
        XmlValues.members(out, op.output(), output);
        out.end(op.resultWrapper());
      } else {
        XmlValues.members(out, op.output(), output);
      }
    } else if (op.resultWrapper() != null) {
      out.start(op.resultWrapper()).end(op.resultWrapper());
    }
    out.start("ResponseMetadata").element("RequestId", requestId).end("ResponseMetadata");
    return out.end(root).toBytes();
  }

  /** How an error is sent: its code, status and type (see the class comment). */
  public QueryError error(ApiException e) {
    QueryError modeled = errors.get(e.code());
    if (modeled != null) {
      return modeled;
    }
    int common = QueryErrors.commonStatus(e.code());
    if (common > 0) {
      return new QueryError(e.code(), common, common < 500);
    }
    boolean client = e.fault() == ApiException.Fault.CLIENT;
    return new QueryError(e.code(), client ? 400 : 500, client);
  }

  /** The {@code ErrorResponse} document; no {@code <Message>} when {@code message} is null or empty. */
  public byte[] errorDocument(QueryError error, String message, String requestId) {
    XmlWriter out = new XmlWriter(256).start("ErrorResponse", xmlNamespace).start("Error")
        .element("Type", error.sender() ? "Sender" : "Receiver")
        .element("Code", error.code());
    if (message != null && !message.isEmpty()) {
      out.element("Message", message);
    }
    return out.end("Error").element("RequestId", requestId).end("ErrorResponse").toBytes();
  }

  private QueryOperation operation(String operation) {
    QueryOperation op = operations.get(Objects.requireNonNull(operation, "operation"));
    if (op == null) {
      throw new IllegalArgumentException("The model has no operation " + operation);
    }
    return op;
  }
}
