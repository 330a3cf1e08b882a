package io.keywarden.domain.policy;

import java.util.List;

/**
 * Matching a Principal element against the caller: {@code "*"}; {@code AWS} entries (an account id or
 * its root ARN name the whole account; a user ARN, a role ARN — which also names the role's sessions —
 * or an assumed-role session ARN name that principal); {@code Service} entries name service principals.
 */
final class Principals {
  private Principals() {}

  static PrincipalMatch match(PrincipalBlock block, Caller caller) {
    if (block.wildcard()) {
      return PrincipalMatch.EVERYONE;
    }
    PrincipalMatch best = PrincipalMatch.NONE;
    for (String p : block.of("AWS")) {
      PrincipalMatch m = matchAws(p, caller);
      if (m == PrincipalMatch.SPECIFIC) {
        return m;
      }
      if (m == PrincipalMatch.EVERYONE || (m.matched() && best == PrincipalMatch.NONE)) {
        best = m;
      }
    }
    if (caller.servicePrincipal() != null) {
      for (String p : block.of("Service")) {
        if (p.equals(caller.servicePrincipal())) {
          return PrincipalMatch.SPECIFIC;
        }
      }
    }
    return best;
  }

  private static PrincipalMatch matchAws(String p, Caller caller) {
    if (p.equals("*")) {
      return PrincipalMatch.EVERYONE;
    }
    if (caller.servicePrincipal() != null) {
      return PrincipalMatch.NONE;
    }
    if (p.equals(caller.accountId()) || isRootArn(p, caller.accountId())) {
      return caller.root() ? PrincipalMatch.SPECIFIC : PrincipalMatch.ACCOUNT;
    }
    if (p.equals(caller.arn()) || (caller.roleArn() != null && p.equals(caller.roleArn()))) {
      return PrincipalMatch.SPECIFIC;
    }
    return PrincipalMatch.NONE;
  }

  /** Whether {@code p} is {@code arn:aws:iam::<account>:root} (without building that string). */
  private static boolean isRootArn(String p, String account) {
    return p.length() == PREFIX.length() + account.length() + SUFFIX.length()
        && p.startsWith(PREFIX)
        && p.startsWith(account, PREFIX.length())
        && p.endsWith(SUFFIX);
  }

  private static final String PREFIX = "arn:aws:iam::";
  private static final String SUFFIX = ":root";

  static List<String> awsEntries(PrincipalBlock block) {
    return block.of("AWS");
  }
}
