/**
 * The AWS JSON 1.1 request side, driven by the service models: {@link
 * io.keywarden.protocol.json.ServiceModel} loads {@code /aws-models/<name>/service-2.json} once and
 * precompiles every operation's input shape; {@link io.keywarden.protocol.json.OperationModel#readInput}
 * parses a request body with Jackson and checks it the way AWS's request validation does (the same
 * {@code SerializationException} and {@code ValidationException} codes and message formats), so that
 * services receive input whose types and model constraints already hold.
 *
 * <p>Knows nothing of HTTP or of authentication. Services must not import this package: they see only
 * the validated {@link com.fasterxml.jackson.databind.node.ObjectNode}.
 */
package io.keywarden.protocol.json;
