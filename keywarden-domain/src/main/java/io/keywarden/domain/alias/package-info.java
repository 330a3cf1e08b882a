/** KMS aliases: friendly names that point at a key, per account and region. */
package io.keywarden.domain.alias;
