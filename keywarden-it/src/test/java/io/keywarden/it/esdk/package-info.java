/**
 * The AWS Encryption SDK for Java 3.x (AWS KMS keyrings of the Material Providers Library) against
 * an in-process Keywarden: envelope encryption, rotation, discovery.
 */
package io.keywarden.it.esdk;
