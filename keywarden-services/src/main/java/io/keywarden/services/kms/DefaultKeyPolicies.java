package io.keywarden.services.kms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.identity.Principal;

/**
 * The key policies AWS gives keys created without one. Rendered in the pretty-printed form that AWS's
 * GetKeyPolicy returns for them ({@code "Version" : "2012-10-17"}).
 */
final class DefaultKeyPolicies {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DefaultKeyPolicies() {}

  /**
   * The default key policy of CreateKey: the account root may do {@code kms:*}, which delegates access
   * to the account's IAM policies ("Default key policy", KMS developer guide).
   */
  static String customerDefault(String accountId) {
    ObjectNode p = JSON.createObjectNode();
    p.put("Version", "2012-10-17");
    p.put("Id", "key-default-1");
    ObjectNode s = p.putArray("Statement").addObject();
    s.put("Sid", "Enable IAM User Permissions");
    s.put("Effect", "Allow");
    s.putObject("Principal").put("AWS", Principal.rootArn(accountId));
    s.put("Action", "kms:*");
    s.put("Resource", "*");
    return render(p);
  }

  /**
   * The policy of an AWS managed key: principals of the account may use it through the service
   * ({@code kms:ViaService}), and the account may read its metadata.
   */
  static String awsManaged(String accountId, String region, String service) {
    String via = service + "." + region + ".amazonaws.com";
    ObjectNode p = JSON.createObjectNode();
    p.put("Version", "2012-10-17");
    p.put("Id", "auto-" + service + "-2");
    ArrayNode statements = p.putArray("Statement");
    ObjectNode use = statements.addObject();
    use.put("Sid", "Allow access through " + service + " for all principals in the account that are authorized to use " + service);
    use.put("Effect", "Allow");
    use.putObject("Principal").put("AWS", "*");
    ArrayNode actions = use.putArray("Action");
    for (String a :
        new String[] {
          "kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:CreateGrant",
          "kms:DescribeKey"
        }) {
      actions.add(a);
    }
    use.put("Resource", "*");
    ObjectNode eq = use.putObject("Condition").putObject("StringEquals");
    eq.put("kms:CallerAccount", accountId);
    eq.put("kms:ViaService", via);
    ObjectNode read = statements.addObject();
    read.put("Sid", "Allow direct access to key metadata to the account");
    read.put("Effect", "Allow");
    read.putObject("Principal").put("AWS", Principal.rootArn(accountId));
    ArrayNode readActions = read.putArray("Action");
    for (String a : new String[] {"kms:Describe*", "kms:Get*", "kms:List*", "kms:RevokeGrant"}) {
      readActions.add(a);
    }
    read.put("Resource", "*");
    return render(p);
  }

  private static String render(ObjectNode policy) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(policy);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
