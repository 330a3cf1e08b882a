package io.keywarden.services.secrets;

import static io.keywarden.services.api.JsonInput.isTrue;
import static io.keywarden.services.api.JsonInput.string;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.policy.PolicyDocument;
import io.keywarden.domain.secret.SecretRecord;
import io.keywarden.services.api.ApiException;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.api.JsonOutput;
import io.keywarden.services.api.OperationTable;
import io.keywarden.services.policy.PolicyParseException;

/**
 * A secret's resource policy: GetResourcePolicy, PutResourcePolicy (with BlockPublicPolicy),
 * DeleteResourcePolicy, ValidateResourcePolicy. The policy is evaluated by {@link SecretAccess}.
 */
final class ResourcePolicyOperations {
  private final SecretBook book;
  private final SecretValueOperations values;
  private final SecretAccess access;

  ResourcePolicyOperations(SecretBook book, SecretValueOperations values, SecretAccess access) {
    this.book = book;
    this.values = values;
    this.access = access;
  }

  void register(OperationTable table) {
    table
        .blocking("GetResourcePolicy", this::get)
        .blocking("PutResourcePolicy", this::put)
        .blocking("DeleteResourcePolicy", this::delete)
        .blocking("ValidateResourcePolicy", this::validate);
  }

  ObjectNode get(CallContext ctx, ObjectNode in) {
    SecretRecord s = values.locate(ctx, string(in, "SecretId"), "GetResourcePolicy", SecretAccess.keys(), true);
    ObjectNode out = SecretViews.arnAndName(s);
    JsonOutput.string(out, "ResourcePolicy", s.resourcePolicy());
    return out;
  }

  ObjectNode put(CallContext ctx, ObjectNode in) {
    String text = string(in, "ResourcePolicy");
    PolicyDocument doc = parseOrMalformed(text);
    var keys = SecretAccess.keys();
    keys.put("secretsmanager:blockpublicpolicy",
        java.util.List.of(Boolean.toString(isTrue(in, "BlockPublicPolicy"))));
    return book.retrying(() -> {
      SecretRecord s = values.locate(ctx, string(in, "SecretId"), "PutResourcePolicy", keys, false);
      if (isTrue(in, "BlockPublicPolicy") && ResourcePolicies.isPublic(doc)) {
        throw new ApiException("PublicPolicyException",
            "This resource policy will grant public access to the secret. Use BlockPublicPolicy as"
                + " false to allow public access.");
      }
      book.save(ctx, s.next().resourcePolicy(text).lastChangedDate(book.now()).build());
      return SecretViews.arnAndName(s);
    });
  }

  ObjectNode delete(CallContext ctx, ObjectNode in) {
    return book.retrying(() -> {
      SecretRecord s =
          values.locate(ctx, string(in, "SecretId"), "DeleteResourcePolicy", SecretAccess.keys(), false);
      if (s.resourcePolicy() != null) {
        book.save(ctx, s.next().resourcePolicy(null).lastChangedDate(book.now()).build());
      }
      return SecretViews.arnAndName(s);
    });
  }

  ObjectNode validate(CallContext ctx, ObjectNode in) {
    String secretId = string(in, "SecretId");
    if (secretId != null) {
      values.locate(ctx, secretId, "ValidateResourcePolicy", SecretAccess.keys(), true);
    } else {
      access.check(ctx, "ValidateResourcePolicy", "*", SecretAccess.keys());
    }
    ObjectNode out = JsonOutput.object();
    var errors = JsonOutput.object().putArray("ValidationErrors");
    try {
      PolicyDocument doc = ResourcePolicies.parse(string(in, "ResourcePolicy"));
      if (ResourcePolicies.isPublic(doc)) {
        errors.addObject().put("CheckName", "PUBLIC_ACCESS_CHECK")
            .put("ErrorMessage", "The policy grants public access to the secret.");
      }
    } catch (PolicyParseException e) {
      errors.addObject().put("CheckName", "SYNTAX_CHECK").put("ErrorMessage", e.getMessage());
    }
    out.put("PolicyValidationPassed", errors.isEmpty());
    out.set("ValidationErrors", errors);
    return out;
  }

  private static PolicyDocument parseOrMalformed(String text) {
    try {
      return ResourcePolicies.parse(text);
    } catch (PolicyParseException e) {
      throw new ApiException("MalformedPolicyDocumentException",
          "You provided a resource-based policy with syntax errors. " + e.getMessage());
    }
  }
}
