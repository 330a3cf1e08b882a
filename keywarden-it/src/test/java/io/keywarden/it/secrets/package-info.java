/** Secrets Manager through the AWS SDK for Java v2, against an in-process server. */
package io.keywarden.it.secrets;
