package io.keywarden.services.kms;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The predefined aliases of AWS managed keys ({@code alias/aws/<service>}). AWS creates such a key in an
 * account and region the first time it is used (DescribeKey on the alias included); so does Keywarden.
 * Customers cannot create, update or delete aliases under {@code alias/aws/}.
 */
final class AwsManagedKeys {
  static final String PREFIX = "alias/aws/";

  /** service (the alias suffix) → the name used in the key's description. */
  private static final Map<String, String> SERVICES =
      Map.ofEntries(
          Map.entry("acm", "ACM"),
          Map.entry("backup", "Backup"),
          Map.entry("codecommit", "CodeCommit"),
          Map.entry("dynamodb", "DynamoDB"),
          Map.entry("ebs", "EBS"),
          Map.entry("elasticfilesystem", "Elastic File System"),
          Map.entry("es", "Elasticsearch"),
          Map.entry("glue", "Glue"),
          Map.entry("kinesis", "Kinesis"),
          Map.entry("kinesisvideo", "Kinesis Video Streams"),
          Map.entry("lambda", "Lambda"),
          Map.entry("rds", "RDS"),
          Map.entry("redshift", "Redshift"),
          Map.entry("s3", "S3"),
          Map.entry("secretsmanager", "Secrets Manager"),
          Map.entry("sns", "SNS"),
          Map.entry("sqs", "SQS"),
          Map.entry("ssm", "SSM"),
          Map.entry("xray", "X-Ray"));

  private AwsManagedKeys() {}

  static boolean isReserved(String aliasName) {
    return aliasName.startsWith(PREFIX);
  }

  /** The service of a predefined AWS managed alias, or empty if {@code aliasName} is not one. */
  static Optional<String> serviceOf(String aliasName) {
    if (!isReserved(aliasName)) {
      return Optional.empty();
    }
    String service = aliasName.substring(PREFIX.length());
    return SERVICES.containsKey(service) ? Optional.of(service) : Optional.empty();
  }

  /** The predefined aliases, sorted. */
  static List<String> predefinedAliases() {
    return SERVICES.keySet().stream().sorted().map(s -> PREFIX + s).toList();
  }

  static String description(String service) {
    return "Default key that protects my " + SERVICES.get(service) + " data when no other key is defined";
  }
}
