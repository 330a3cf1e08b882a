/**
 * The AWS Query protocol (STS, later IAM), driven by the service models: {@link
 * io.keywarden.protocol.query.QueryModel} compiles a {@code "protocol": "query"} model once; it reads
 * a form-encoded request ({@link io.keywarden.protocol.query.FormParameters}: {@code
 * Action=AssumeRole&Version=2011-06-15&Tags.member.1.Key=team&...}) into the JSON object that
 * services receive, and writes their results and errors as AWS's XML ({@code
 * <AssumeRoleResponse><AssumeRoleResult>...</AssumeRoleResult><ResponseMetadata>...}, {@code
 * <ErrorResponse><Error><Type>Sender</Type><Code>...}).
 *
 * <p>Services see the same {@link com.fasterxml.jackson.databind.node.ObjectNode}s as JSON services:
 * numbers, booleans, timestamps as epoch seconds, blobs as base64, lists as arrays, structures and
 * maps as objects. Validation of the decoded input is the JSON layer's ({@link
 * io.keywarden.protocol.json.OperationModel#validate}); its {@code ValidationException} is sent as
 * Query's {@code ValidationError}.
 *
 * <p>Knows nothing of HTTP or of authentication. Services must not import this package.
 */
package io.keywarden.protocol.query;
