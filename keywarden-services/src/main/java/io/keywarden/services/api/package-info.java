/**
 * The contract between the protocol layer and the services: an {@link
 * io.keywarden.services.api.ApiService} names its AWS model and offers {@link
 * io.keywarden.services.api.Operation}s that take validated JSON input and a {@link
 * io.keywarden.services.api.CallContext}, and answer JSON or throw {@link
 * io.keywarden.services.api.ApiException}. Only the protocol layer turns these into HTTP.
 */
package io.keywarden.services.api;
