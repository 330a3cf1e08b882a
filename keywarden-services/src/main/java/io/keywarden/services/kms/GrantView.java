package io.keywarden.services.kms;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.identity.Principal;
import io.keywarden.domain.key.Grant;
import io.keywarden.domain.key.KeyArns;
import io.keywarden.services.api.JsonOutput;
import java.util.List;
import java.util.Map;

/** Renders grants as the model's {@code ListGrantsResponse} ({@code GrantListEntry} members). */
final class GrantView {
  private GrantView() {}

  /** {@code Grants}, {@code Truncated} and, when truncated, {@code NextMarker}. */
  static ObjectNode page(Paging.Page<Grant> page) {
    ObjectNode out = JsonOutput.object();
    ArrayNode grants = out.putArray("Grants");
    for (Grant g : page.items()) {
      grants.add(entry(g));
    }
    if (page.truncated()) {
      out.put("NextMarker", page.nextMarker());
    }
    out.put("Truncated", page.truncated());
    return out;
  }

  /**
   * One {@code GrantListEntry}: the key ARN, the issuing account as its root ARN (as AWS lists it), and
   * Name, RetiringPrincipal and Constraints only when the grant has them.
   */
  static ObjectNode entry(Grant g) {
    ObjectNode e = JsonOutput.object();
    e.put("KeyId", KeyArns.keyArn(g.region(), g.keyAccountId(), g.keyId()));
    e.put("GrantId", g.grantId());
    JsonOutput.string(e, "Name", g.name());
    JsonOutput.timestamp(e, "CreationDate", g.creationDate());
    e.put("GranteePrincipal", g.granteePrincipal());
    JsonOutput.string(e, "RetiringPrincipal", g.retiringPrincipal());
    e.put("IssuingAccount", Principal.rootArn(g.keyAccountId()));
    operations(e.putArray("Operations"), g.operations());
    if (g.encryptionContextEquals() != null || g.encryptionContextSubset() != null) {
      ObjectNode c = e.putObject("Constraints");
      context(c, "EncryptionContextSubset", g.encryptionContextSubset());
      context(c, "EncryptionContextEquals", g.encryptionContextEquals());
    }
    return e;
  }

  private static void operations(ArrayNode out, List<String> operations) {
    operations.forEach(out::add);
  }

  private static void context(ObjectNode c, String member, Map<String, String> context) {
    if (context != null) {
      ObjectNode m = c.putObject(member);
      context.entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(en -> m.put(en.getKey(), en.getValue()));
    }
  }
}
