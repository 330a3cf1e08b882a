package io.keywarden.services.explain;

import io.keywarden.domain.identity.IamRole;
import io.keywarden.domain.identity.IamUser;
import io.keywarden.domain.identity.Principal;
import io.keywarden.services.api.ApiException;
import io.keywarden.services.identity.IdentityDirectory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The principal an explanation is about, from its ARN, as it would sign its own requests: the
 * account root; an IAM user with its tags; a session of a role, for a role ARN ({@code
 * arn:aws:iam::ACCOUNT:role/NAME}, a session named {@code sessionName}) or an assumed-role session ARN
 * ({@code arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION}), with the role's tags overridden by the
 * given session tags (keys compared without case), as {@code SessionTokens} builds a real session.
 *
 * <p>Session tags of a real session live in its token, which Keywarden does not keep: an assumed-role
 * ARN is explained with the session tags given, not those of any session of that name.
 */
final class ExplainedPrincipals {
  /** The session name of a role ARN explained without one. */
  static final String DEFAULT_SESSION_NAME = "keywarden-explain";

  private static final Pattern ROOT = Pattern.compile("arn:aws:iam::(\\d{12}):root");
  private static final Pattern USER = Pattern.compile("arn:aws:iam::(\\d{12}):user/.+");
  private static final Pattern ROLE =
      Pattern.compile("arn:aws:iam::(\\d{12}):role/(?:[^/]+/)*([^/]+)");
  private static final Pattern SESSION =
      Pattern.compile("arn:aws:sts::(\\d{12}):assumed-role/([^/]+)/([^/]+)");
  /** STS's RoleSessionName pattern. */
  private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
  /** Not an access key: explained principals sign nothing. */
  private static final String NO_ACCESS_KEY = "";

  private final IdentityDirectory directory;

  ExplainedPrincipals(IdentityDirectory directory) {
    this.directory = directory;
  }

  /** The account of a principal ARN this class understands, or {@code null}. */
  static String accountOf(String arn) {
    for (Pattern p : new Pattern[] {ROOT, USER, ROLE, SESSION}) {
      Matcher m = p.matcher(arn);
      if (m.matches()) {
        return m.group(1);
      }
    }
    return null;
  }

  /**
   * @param sessionName for a role ARN, the session's name ({@code null}: {@link
   *     #DEFAULT_SESSION_NAME})
   * @param sessionTags a session's tags; only for roles and sessions
   * @throws ApiException ValidationException for an ARN that names no principal or session tags on a
   *     root or user; NotFoundException for a user or role that does not exist
   */
  Principal resolve(String arn, String sessionName, Map<String, String> sessionTags) {
    Matcher m = ROOT.matcher(arn);
    if (m.matches()) {
      noSession(arn, sessionName, sessionTags);
      return Principal.root(m.group(1), NO_ACCESS_KEY);
    }
    if (USER.matcher(arn).matches()) {
      noSession(arn, sessionName, sessionTags);
      IamUser user = directory.user(arn).orElseThrow(() -> notFound(arn));
      return Principal.user(user, NO_ACCESS_KEY);
    }
    m = ROLE.matcher(arn);
    if (m.matches()) {
      IamRole role = directory.role(m.group(1), m.group(2)).orElseThrow(() -> notFound(arn));
      return session(role, sessionName == null ? DEFAULT_SESSION_NAME : sessionName, sessionTags);
    }
    m = SESSION.matcher(arn);
    if (m.matches()) {
      if (sessionName != null && !sessionName.equals(m.group(3))) {
        throw ExplainErrors.validation(
            "RoleSessionName " + sessionName + " differs from the session the ARN names");
      }
      IamRole role = directory.role(m.group(1), m.group(2)).orElseThrow(() -> notFound(arn));
      return session(role, m.group(3), sessionTags);
    }
    throw ExplainErrors.validation(
        "PrincipalArn must be the ARN of an account root, an IAM user, an IAM role or an assumed-role"
            + " session: " + arn);
  }

  private static Principal session(IamRole role, String sessionName, Map<String, String> sessionTags) {
    if (!SESSION_NAME.matcher(sessionName).matches()) {
      throw ExplainErrors.validation(
          "RoleSessionName must be 2 to 64 characters of letters, digits and +=,.@_-");
    }
    Map<String, String> tags = new LinkedHashMap<>();
    role.tags().forEach(t -> tags.put(t.key(), t.value()));
    for (Map.Entry<String, String> t : sessionTags.entrySet()) {
      tags.keySet().removeIf(k -> k.equalsIgnoreCase(t.getKey()));
      tags.put(t.getKey(), t.getValue());
    }
    return Principal.session(role, sessionName, NO_ACCESS_KEY, tags, Set.of());
  }

  private static void noSession(String arn, String sessionName, Map<String, String> sessionTags) {
    if (sessionName != null || !sessionTags.isEmpty()) {
      throw ExplainErrors.validation(
          "RoleSessionName and SessionTags apply to roles and assumed-role sessions, not to " + arn);
    }
  }

  private static ApiException notFound(String arn) {
    return new ApiException("NotFoundException", "Principal " + arn + " does not exist.");
  }
}
