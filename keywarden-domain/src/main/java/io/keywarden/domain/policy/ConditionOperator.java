package io.keywarden.domain.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The IAM condition operators. Each has a positive comparison of one context value with one policy
 * value; the negated operators ({@code StringNotEquals}...) invert the result of the whole key, as AWS
 * does (see {@link ConditionEvaluation}). {@link #Null} is handled apart: it tests presence.
 */
public enum ConditionOperator {
  StringEquals(false, Kind.STRING),
  StringNotEquals(true, Kind.STRING),
  StringEqualsIgnoreCase(false, Kind.STRING_IGNORE_CASE),
  StringNotEqualsIgnoreCase(true, Kind.STRING_IGNORE_CASE),
  StringLike(false, Kind.STRING_LIKE),
  StringNotLike(true, Kind.STRING_LIKE),
  NumericEquals(false, Kind.NUMERIC_EQ),
  NumericNotEquals(true, Kind.NUMERIC_EQ),
  NumericLessThan(false, Kind.NUMERIC_LT),
  NumericLessThanEquals(false, Kind.NUMERIC_LE),
  NumericGreaterThan(false, Kind.NUMERIC_GT),
  NumericGreaterThanEquals(false, Kind.NUMERIC_GE),
  DateEquals(false, Kind.DATE_EQ),
  DateNotEquals(true, Kind.DATE_EQ),
  DateLessThan(false, Kind.DATE_LT),
  DateLessThanEquals(false, Kind.DATE_LE),
  DateGreaterThan(false, Kind.DATE_GT),
  DateGreaterThanEquals(false, Kind.DATE_GE),
  Bool(false, Kind.BOOL),
  BinaryEquals(false, Kind.BINARY),
  IpAddress(false, Kind.IP),
  NotIpAddress(true, Kind.IP),
  ArnEquals(false, Kind.ARN),
  ArnLike(false, Kind.ARN),
  ArnNotEquals(true, Kind.ARN),
  ArnNotLike(true, Kind.ARN),
  Null(false, Kind.NULL);

  private enum Kind {
    STRING, STRING_IGNORE_CASE, STRING_LIKE,
    NUMERIC_EQ, NUMERIC_LT, NUMERIC_LE, NUMERIC_GT, NUMERIC_GE,
    DATE_EQ, DATE_LT, DATE_LE, DATE_GT, DATE_GE,
    BOOL, BINARY, IP, ARN, NULL
  }

  private final boolean negated;
  private final Kind kind;

  ConditionOperator(boolean negated, Kind kind) {
    this.negated = negated;
    this.kind = kind;
  }

  /** The operator of a name, matched exactly (AWS's operator names are case-sensitive). */
  public static Optional<ConditionOperator> named(String name) {
    for (ConditionOperator o : values()) {
      if (o.name().equals(name)) {
        return Optional.of(o);
      }
    }
    return Optional.empty();
  }

  public boolean negated() {
    return negated;
  }

  /** Whether a policy value is well-formed for this operator (numbers, dates, CIDRs, booleans). */
  public boolean acceptsPolicyValue(String value) {
    switch (kind) {
      case NUMERIC_EQ: case NUMERIC_LT: case NUMERIC_LE: case NUMERIC_GT: case NUMERIC_GE:
        return value.contains("${") || number(value) != null;
      case DATE_EQ: case DATE_LT: case DATE_LE: case DATE_GT: case DATE_GE:
        return value.contains("${") || date(value) != null;
      case IP:
        return value.contains("${") || Cidr.parse(value) != null;
      case NULL:
        return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false");
      default:
        return true;
    }
  }

  /**
   * The positive comparison of one context value with one (substituted) policy value.
   *
   * @param literal where the policy value's characters are literal (escaped wildcards), or null
   */
  boolean compare(String contextValue, String policyValue, boolean[] literal) {
    switch (kind) {
      case STRING:
        return contextValue.equals(policyValue);
      case STRING_IGNORE_CASE:
        return contextValue.equalsIgnoreCase(policyValue);
      case STRING_LIKE:
        return Wildcards.matches(policyValue, literal, contextValue, false);
      case NUMERIC_EQ: case NUMERIC_LT: case NUMERIC_LE: case NUMERIC_GT: case NUMERIC_GE:
        return numeric(contextValue, policyValue);
      case DATE_EQ: case DATE_LT: case DATE_LE: case DATE_GT: case DATE_GE:
        return dated(contextValue, policyValue);
      case BOOL:
        return contextValue.equalsIgnoreCase(policyValue);
      case BINARY:
        return binary(contextValue, policyValue);
      case IP:
        Cidr cidr = Cidr.parse(policyValue);
        return cidr != null && cidr.contains(contextValue);
      case ARN:
        return Wildcards.arnMatches(policyValue, literal, contextValue);
      default:
        throw new IllegalStateException("Null is evaluated apart");
    }
  }

  boolean isNull() {
    return kind == Kind.NULL;
  }

  private boolean numeric(String contextValue, String policyValue) {
    BigDecimal c = number(contextValue);
    BigDecimal p = number(policyValue);
    if (c == null || p == null) {
      return false;
    }
    int cmp = c.compareTo(p);
    switch (kind) {
      case NUMERIC_EQ:
        return cmp == 0;
      case NUMERIC_LT:
        return cmp < 0;
      case NUMERIC_LE:
        return cmp <= 0;
      case NUMERIC_GT:
        return cmp > 0;
      default:
        return cmp >= 0;
    }
  }

  private boolean dated(String contextValue, String policyValue) {
    Instant c = date(contextValue);
    Instant p = date(policyValue);
    if (c == null || p == null) {
      return false;
    }
    int cmp = c.compareTo(p);
    switch (kind) {
      case DATE_EQ:
        return cmp == 0;
      case DATE_LT:
        return cmp < 0;
      case DATE_LE:
        return cmp <= 0;
      case DATE_GT:
        return cmp > 0;
      default:
        return cmp >= 0;
    }
  }

  private static boolean binary(String contextValue, String policyValue) {
    try {
      return java.util.Arrays.equals(
          Base64.getDecoder().decode(contextValue), Base64.getDecoder().decode(policyValue));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static BigDecimal number(String s) {
    try {
      return new BigDecimal(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** ISO 8601 date-times (with offset or Z), dates, or epoch seconds. */
  static Instant date(String s) {
    String v = s.trim();
    if (!v.isEmpty() && v.chars().allMatch(Character::isDigit)) {
      return Instant.ofEpochSecond(Long.parseLong(v));
    }
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      // not a date-time with an offset
    }
    try {
      return Instant.parse(v.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      // not an instant
    }
    try {
      return LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
