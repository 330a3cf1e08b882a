/**
 * Who calls: accounts, principals and their access keys. An access key's secret is stored only wrapped
 * by the root of trust; it is needed in memory to verify SigV4 signatures.
 */
package io.keywarden.domain.identity;
