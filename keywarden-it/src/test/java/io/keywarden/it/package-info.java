/**
 * End-to-end tests through the real clients (AWS SDK for Java v2, AWS Encryption SDK, AWS CLI v1
 * and v2) against a real Keywarden server: real HTTP, real SigV4, real storage.
 */
package io.keywarden.it;
