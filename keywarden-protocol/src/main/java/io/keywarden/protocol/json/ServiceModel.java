package io.keywarden.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.keywarden.services.api.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A service model (botocore's {@code service-2.json}), loaded once: its metadata, its operations
 * with their compiled input shapes, and its error shapes.
 *
 * <p>The HTTP status of an error code: the model's {@code error.httpStatusCode} when it gives one;
 * else 500 when the model marks the shape {@code "fault": true}; else 400 for {@link
 * ApiException.Fault#CLIENT} and 500 for {@link ApiException.Fault#SERVER}.
 *
 * <p>The internal error of the service (sent, with a generic message, for unexpected exceptions):
 * the first fault error shape whose name ends with {@code InternalException}, {@code
 * InternalServiceError}, {@code InternalServerError} or {@code InternalFailure} (KMS: {@code
 * KMSInternalException}; Secrets Manager: {@code InternalServiceError}; SSM: {@code
 * InternalServerError}); else the first fault shape with {@code Internal} in its name; else AWS's
 * common {@code InternalFailure}.
 */
public final class ServiceModel {
  private static final String[] INTERNAL_SUFFIXES = {
    "InternalException", "InternalServiceError", "InternalServerError", "InternalFailure"
  };

  private final String name;
  private final String targetPrefix;
  private final String signingName;
  private final String protocol;
  private final Map<String, OperationModel> operations;
  private final Map<String, ErrorShape> errors;
  private final String internalErrorCode;

  private ServiceModel(
      String name,
      String targetPrefix,
      String signingName,
      String protocol,
      Map<String, OperationModel> operations,
      Map<String, ErrorShape> errors,
      String internalErrorCode) {
    this.name = name;
    this.targetPrefix = targetPrefix;
    this.signingName = signingName;
    this.protocol = protocol;
    this.operations = operations;
    this.errors = errors;
    this.internalErrorCode = internalErrorCode;
  }

  /**
   * Loads {@code /aws-models/<name>/service-2.json} (and the optional {@code
   * keywarden-enum-order.json} beside it) from {@code loader}.
   *
   * @throws IllegalArgumentException if the model is not on the class path
   */
  public static ServiceModel load(String name, ClassLoader loader) {
    String folder = "aws-models/" + name + "/";
    try (InputStream model = loader.getResourceAsStream(folder + "service-2.json");
        InputStream order = loader.getResourceAsStream(folder + "keywarden-enum-order.json")) {
      if (model == null) {
        throw new IllegalArgumentException("No model on the class path at /" + folder + "service-2.json");
      }
      JsonNode orderTree = order == null ? null : JsonCodec.readTree(order.readAllBytes());
      return parse(name, JsonCodec.readTree(model.readAllBytes()), EnumOrder.of(orderTree));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the model " + name, e);
    }
  }

  /**
   * Reads {@code /aws-models/<name>/service-2.json} from {@code loader} as a JSON tree, for the
   * layers that compile more of it than this class keeps (the Query protocol's output shapes).
   *
   * @throws IllegalArgumentException if the model is not on the class path
   */
  public static JsonNode readDefinition(String name, ClassLoader loader) {
    String path = "aws-models/" + name + "/service-2.json";
    try (InputStream model = loader.getResourceAsStream(path)) {
      if (model == null) {
        throw new IllegalArgumentException("No model on the class path at /" + path);
      }
      return JsonCodec.readTree(model.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the model " + name, e);
    }
  }

  /** Loads a model with this class's class loader. */
  public static ServiceModel load(String name) {
    return load(name, ServiceModel.class.getClassLoader());
  }

  private static ServiceModel parse(String name, JsonNode root, EnumOrder enumOrder) {
    JsonNode metadata = root.path("metadata");
    JsonNode shapes = root.path("shapes");
    ModelCompiler compiler = new ModelCompiler(shapes, enumOrder);
    Map<String, OperationModel> operations = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> op : root.path("operations").properties()) {
      String inputName = op.getValue().path("input").path("shape").asText(null);
      StructureShape input = null;
      if (inputName != null) {
        Shape shape = compiler.compile(inputName);
        if (!(shape instanceof StructureShape)) {
          throw new IllegalArgumentException(op.getKey() + "'s input is not a structure");
        }
        input = (StructureShape) shape;
      }
      operations.put(op.getKey(), new OperationModel(op.getKey(), input));
    }
    Map<String, ErrorShape> errors = new HashMap<>();
    String internal = null;
    String anyInternal = null;
    for (Map.Entry<String, JsonNode> shape : shapes.properties()) {
      JsonNode def = shape.getValue();
      if (!def.path("exception").asBoolean(false)) {
        continue;
      }
      String code = shape.getKey();
      boolean fault = def.path("fault").asBoolean(false);
      errors.put(code, new ErrorShape(code, def.path("error").path("httpStatusCode").asInt(0), fault));
      if (fault && internal == null && endsWithInternal(code)) {
        internal = code;
      }
      if (fault && anyInternal == null && code.contains("Internal")) {
        anyInternal = code;
      }
    }
    String internalCode = internal != null ? internal : anyInternal != null ? anyInternal : "InternalFailure";
    String signing = metadata.hasNonNull("signingName")
        ? metadata.get("signingName").asText()
        : metadata.path("endpointPrefix").asText(name);
    return new ServiceModel(
        name,
        metadata.path("targetPrefix").asText(""),
        signing,
        metadata.path("protocol").asText(""),
        Collections.unmodifiableMap(operations),
        Collections.unmodifiableMap(errors),
        internalCode);
  }

  private static boolean endsWithInternal(String code) {
    for (String suffix : INTERNAL_SUFFIXES) {
      if (code.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }

  /** The model's folder name, e.g. {@code kms}. */
  public String name() {
    return name;
  }

  /** The model's {@code metadata.targetPrefix}, e.g. {@code TrentService}; empty if none. */
  public String targetPrefix() {
    return targetPrefix;
  }

  /** The model's {@code metadata.signingName}, else its {@code endpointPrefix}. */
  public String signingName() {
    return signingName;
  }

  /** The model's {@code metadata.protocol}, e.g. {@code json} or {@code query}; empty if none. */
  public String protocol() {
    return protocol;
  }

  /** The operations by model name, in model order. */
  public Map<String, OperationModel> operations() {
    return operations;
  }

  /** The operation, or {@code null} if the model has none of that name. */
  public OperationModel operation(String operation) {
    return operations.get(operation);
  }

  /** The error shape of that code, or {@code null} if it is not one of the model's errors. */
  public ErrorShape error(String code) {
    return errors.get(code);
  }

  /** The code sent for unexpected failures (see the class comment). */
  public String internalErrorCode() {
    return internalErrorCode;
  }

  /** The HTTP status for an error of this service (see the class comment). */
  public int httpStatus(ApiException error) {
    Objects.requireNonNull(error, "error");
    ErrorShape shape = errors.get(error.code());
    if (shape != null && shape.httpStatusCode() > 0) {
      return shape.httpStatusCode();
    }
    if (shape != null && shape.fault()) {
      return 500;
    }
    return error.fault() == ApiException.Fault.SERVER ? 500 : 400;
  }
}
