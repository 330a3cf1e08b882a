package io.keywarden.services.audit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@link OperationRule}s of every audited service, by SigV4 signing name ({@code kms}, {@code
 * sts}) and operation. An operation without a rule is recorded without request parameters or
 * response elements: the allow-list fails safe.
 */
public final class AuditRules {
  private static final Map<String, Map<String, OperationRule>> RULES = new HashMap<>();

  /** Verbs of operations that change state; any other operation is recorded as read-only. */
  private static final List<String> WRITE_VERBS = List.of("Create", "Delete", "Update", "Put", "Tag",
      "Untag", "Enable", "Disable", "Schedule", "Cancel", "Rotate", "Retire", "Revoke", "Import",
      "Replicate", "Connect", "Disconnect", "Synchronize", "Restore", "Remove", "Stop", "Start",
      "Reset", "Set", "Add", "Modify", "Register", "Deregister", "Validate", "Label", "Unlabel");

  static {
    register("kms", KmsAuditRules.rules());
    register("sts", StsAuditRules.rules());
    register("cloudtrail", CloudTrailAuditRules.rules());
    register("secretsmanager", SecretsManagerAuditRules.rules());
    register(ApiCall.KEYWARDEN, KeywardenAuditRules.rules());
  }

  private AuditRules() {}

  private static void register(String signingName, List<OperationRule> rules) {
    Map<String, OperationRule> byName = new HashMap<>();
    for (OperationRule rule : rules) {
      if (byName.put(rule.operation(), rule) != null) {
        throw new IllegalStateException("two audit rules for " + signingName + " " + rule.operation());
      }
    }
    if (RULES.putIfAbsent(signingName, Map.copyOf(byName)) != null) {
      throw new IllegalStateException("two audit rule tables for " + signingName);
    }
  }

  /** The rule of an operation, or {@code null}. */
  static OperationRule rule(String signingName, String operation) {
    Map<String, OperationRule> rules = signingName == null ? null : RULES.get(signingName);
    return rules == null || operation == null ? null : rules.get(operation);
  }

  /** The operations of a service that have a rule (tests check them against the models). */
  public static Set<String> operations(String signingName) {
    Map<String, OperationRule> rules = RULES.get(signingName);
    return rules == null ? Set.of() : rules.keySet();
  }

  /**
   * The model member paths an operation's rule records, from its request ({@code request}) or its
   * response: {@code KeyId}, {@code Tags.TagKey}, {@code Constraints.EncryptionContextSubset}. Tests
   * check that none of them is a blob or a member the model marks sensitive.
   */
  public static List<String> recordedPaths(String signingName, String operation, boolean request) {
    OperationRule rule = rule(signingName, operation);
    if (rule == null) {
      return List.of();
    }
    List<String> paths = new java.util.ArrayList<>();
    List<RecordedMember> members = request ? rule.request() : rule.responseMembers();
    collect("", members, paths);
    if (request) {
      rule.requestDefaults().keySet().forEach(paths::add);
    } else {
      paths.addAll(rule.additionalFromResponse());
    }
    return paths;
  }

  private static void collect(String prefix, List<RecordedMember> members, List<String> paths) {
    for (RecordedMember m : members) {
      String path = prefix + m.name();
      paths.add(path);
      if (m instanceof RecordedMember.Struct s) {
        collect(path + ".", s.members(), paths);
      } else if (m instanceof RecordedMember.Structs s) {
        collect(path + ".", s.members(), paths);
      }
    }
  }

  /** Whether an operation changes state: its rule's word, else its verb. */
  static boolean readOnly(String signingName, String operation) {
    OperationRule rule = rule(signingName, operation);
    if (rule != null) {
      return rule.readOnly();
    }
    if (operation == null) {
      return false;
    }
    for (String verb : WRITE_VERBS) {
      if (operation.startsWith(verb)) {
        return false;
      }
    }
    return true;
  }
}
