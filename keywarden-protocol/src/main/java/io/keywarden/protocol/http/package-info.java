/**
 * Keywarden's HTTP server on Netty: {@link io.keywarden.protocol.http.KeywardenHttpServer} routes
 * {@code POST /} with {@code X-Amz-Target: <targetPrefix>.<Operation>} to the AWS JSON 1.1 {@link
 * io.keywarden.services.api.ApiService}s, and form-encoded {@code POST /} (or {@code GET
 * /?Action=...}) to the AWS Query ones by signing name and {@code Action} (sealed gate, SigV4, model
 * validation, then the operation on the I/O thread, the compute pool or the blocking pool), answers
 * AWS-shaped errors (JSON or XML, as the service's protocol has them), and serves the admin routes
 * under {@code /_keywarden/}. Every request it answers — API calls whatever they come to, admin
 * routes, 404 paths, requests the HTTP layer refuses — is recorded in the audit trail and answered
 * only once its record is durable; one whose record cannot be made durable is answered with an
 * internal error (docs/adr/0008-audit-events.md).
 *
 * <p>The only place that knows HTTP: services see {@link io.keywarden.services.api.CallContext} and
 * JSON, and throw {@link io.keywarden.services.api.ApiException}; status codes are chosen here.
 * Request bodies, passphrases and exception messages of unexpected failures are never logged.
 */
package io.keywarden.protocol.http;
