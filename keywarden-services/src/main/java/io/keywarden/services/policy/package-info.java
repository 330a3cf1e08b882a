/**
 * Policy documents as JSON: parsing and validating IAM policy JSON into the domain's policy model
 * ({@link io.keywarden.domain.policy}), for key policies, IAM identity policies and role trust
 * policies, with the messages AWS gives malformed documents.
 */
package io.keywarden.services.policy;
