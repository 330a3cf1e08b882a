package io.keywarden.services.kms;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Opaque paging markers: the position to resume after, base64url-encoded with a kind prefix, so that a
 * marker of one listing is refused by another (InvalidMarkerException).
 */
final class Paging {
  private Paging() {}

  static String marker(String kind, String position) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((kind + ":" + position).getBytes(StandardCharsets.UTF_8));
  }

  /** The position in a marker; {@code null} for no marker. */
  static String position(String kind, String marker) {
    if (marker == null) {
      return null;
    }
    try {
      String s = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
      if (!s.startsWith(kind + ":")) {
        throw KmsErrors.invalidMarker();
      }
      return s.substring(kind.length() + 1);
    } catch (IllegalArgumentException e) {
      throw KmsErrors.invalidMarker();
    }
  }

  /** An offset marker's position as a number. */
  static int offset(String kind, String marker) {
    String p = position(kind, marker);
    if (p == null) {
      return 0;
    }
    try {
      int n = Integer.parseInt(p);
      if (n < 0) {
        throw KmsErrors.invalidMarker();
      }
      return n;
    } catch (NumberFormatException e) {
      throw KmsErrors.invalidMarker();
    }
  }

  /** The limit to use: the request's, or the default, capped at the maximum AWS documents. */
  static int limit(Integer requested, int defaultLimit, int max) {
    if (requested == null) {
      return defaultLimit;
    }
    return Math.min(requested, max);
  }

  /** A page of {@code all} from {@code offset}. */
  static <T> List<T> page(List<T> all, int offset, int limit) {
    if (offset >= all.size()) {
      return List.of();
    }
    return all.subList(offset, Math.min(all.size(), offset + limit));
  }
}
