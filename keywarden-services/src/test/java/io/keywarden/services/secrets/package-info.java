/** Tests of Secrets Manager over the real KMS, on both storage backends. */
package io.keywarden.services.secrets;
