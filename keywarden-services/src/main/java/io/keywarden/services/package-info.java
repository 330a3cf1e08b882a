/**
 * The services layer: the semantics of the AWS APIs Keywarden speaks (KMS now; Secrets Manager,
 * Parameter Store, STS and audit query later), over the domain. Services know AWS operation and error
 * names and JSON shapes; they do not know HTTP (the protocol layer does) or SQL (storage does).
 */
package io.keywarden.services;
