/**
 * STS and IAM identities end to end: the AWS SDK for Java v2 ({@code StsClient}, {@code
 * StsAssumeRoleCredentialsProvider}) and the AWS CLI v1 with a {@code role_arn} profile, against
 * servers started with an identities file (docs/identities.md).
 */
package io.keywarden.it.sts;
