/**
 * The IAM policy language as AWS evaluates it: documents and statements (Principal / NotPrincipal,
 * Action / NotAction, Resource / NotResource, Condition with every operator, set qualifiers,
 * IfExists, policy variables), and the evaluation of one document against a request context. How
 * several policies combine for a service (KMS: key policy, IAM policies, grants) is the services'
 * concern; parsing JSON into these types is too. Nothing here knows JSON.
 */
package io.keywarden.domain.policy;
