package io.keywarden.services.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.services.api.JsonInput;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A LookupEvents request, checked as CloudTrail checks it (the protocol layer has checked only JSON
 * types: {@link CloudTrailService#checksModelConstraints()}).
 *
 * <p>Times: CloudTrail records times to the second, so the range is taken to the second, both ends
 * included ("after or at StartTime", "before or at EndTime"). Without EndTime the range ends now;
 * without StartTime it starts 90 days before its end (how far back AWS looks; Keywarden keeps what its
 * retention setting keeps, and an explicit StartTime reaches further).
 *
 * @param attribute the lookup attribute, or {@code null} for none
 * @param from start of the range, inclusive
 * @param to end of the range, exclusive
 * @param maxResults the page size
 * @param insightsOnly {@code EventCategory=insight}: Keywarden records no Insights events
 * @param resume where to continue ({@code NextToken}), or {@code null} for the first page
 * @param parametersHash the hash that a {@code NextToken} for this request carries
 */
record LookupQuery(
    LookupAttribute attribute,
    Instant from,
    Instant to,
    int maxResults,
    boolean insightsOnly,
    PageToken resume,
    long parametersHash) {
  static final int DEFAULT_MAX_RESULTS = 50;
  static final Duration DEFAULT_SPAN = Duration.ofDays(90);

  /**
   * @param accountId the caller's account: a token is valid only for the account it was issued to
   * @param region the region called
   * @throws io.keywarden.services.api.ApiException CloudTrail's errors for a bad request
   */
  static LookupQuery of(ObjectNode in, String accountId, String region, Instant now) {
    LookupAttribute attribute = attribute(in);
    BigDecimal start = seconds(in, "StartTime");
    BigDecimal end = seconds(in, "EndTime");
    if (start != null && end != null && start.compareTo(end) > 0) {
      throw CloudTrailErrors.timeRange("StartTime must not be after EndTime.");
    }
    int max = DEFAULT_MAX_RESULTS;
    JsonNode maxNode = in.get("MaxResults");
    if (maxNode != null) {
      long requested = maxNode.asLong();
      if (requested < 1 || requested > 50) {
        throw CloudTrailErrors.maxResults(requested);
      }
      max = (int) requested;
    }
    String category = JsonInput.string(in, "EventCategory");
    if (category != null && !category.equals("insight")) {
      throw CloudTrailErrors.eventCategory(category);
    }
    long hash = hash(accountId, region, attribute, start, end, category);
    String tokenText = JsonInput.string(in, "NextToken");
    PageToken resume = null;
    Instant from;
    Instant to;
    if (tokenText != null) {
      resume = PageToken.decode(tokenText);
      if (resume == null || resume.parameters() != hash) {
        throw CloudTrailErrors.nextToken();
      }
      from = Instant.ofEpochSecond(resume.fromSecond());
      to = Instant.ofEpochSecond(resume.toSecond());
    } else {
      long endSecond = end != null ? floorSeconds(end) : now.getEpochSecond();
      long startSecond = start != null ? floorSeconds(start) : endSecond - DEFAULT_SPAN.toSeconds();
      from = Instant.ofEpochSecond(startSecond);
      to = Instant.ofEpochSecond(endSecond + 1);
    }
    return new LookupQuery(attribute, from, to, max, category != null, resume, hash);
  }

  private static LookupAttribute attribute(ObjectNode in) {
    List<ObjectNode> attributes = JsonInput.objectList(in, "LookupAttributes");
    if (attributes.isEmpty()) {
      return null;
    }
    if (attributes.size() > 1) {
      throw CloudTrailErrors.lookupAttributes(
          "You can specify only one lookup attribute; this request has " + attributes.size() + ".");
    }
    ObjectNode a = attributes.get(0);
    return LookupAttribute.of(JsonInput.string(a, "AttributeKey"), JsonInput.string(a, "AttributeValue"));
  }

  /** A timestamp member as epoch seconds, or {@code null}; out of range: InvalidTimeRangeException. */
  private static BigDecimal seconds(ObjectNode in, String member) {
    JsonNode n = in.get(member);
    if (n == null) {
      return null;
    }
    BigDecimal value = n.decimalValue();
    // Instant's own range is far wider; this keeps every later computation in range.
    if (value.abs().compareTo(BigDecimal.valueOf(Instant.MAX.getEpochSecond() / 2)) > 0) {
      throw CloudTrailErrors.timeRange(member + " is out of the range of possible times.");
    }
    return value;
  }

  private static long floorSeconds(BigDecimal seconds) {
    return seconds.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
  }

  /** A hash of what a NextToken must be used with: account, region, attribute, times, category. */
  private static long hash(String accountId, String region, LookupAttribute attribute, BigDecimal start,
      BigDecimal end, String category) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part : new String[] {accountId, region,
          attribute == null ? null : attribute.key().name(), attribute == null ? null : attribute.value(),
          start == null ? null : start.stripTrailingZeros().toPlainString(),
          end == null ? null : end.stripTrailingZeros().toPlainString(), category}) {
        if (part == null) {
          sha.update((byte) 0);
        } else {
          byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
          sha.update((byte) 1);
          sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
          sha.update(bytes);
        }
      }
      return ByteBuffer.wrap(sha.digest()).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
