/**
 * Authentication support for the protocol layer: finding who owns an access key, and the secret to
 * verify its SigV4 signatures, without the secret ever leaving {@link
 * io.keywarden.services.identity.SigningCredential}.
 */
package io.keywarden.services.identity;
