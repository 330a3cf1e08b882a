package io.keywarden.services.kms;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

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

  /** One page of a listing, and the marker of the next page ({@code null} on the last page). */
  record Page<T>(List<T> items, String nextMarker) {
    boolean truncated() {
      return nextMarker != null;
    }
  }

  /**
   * A page of {@code sorted} (ascending by {@code position}) after the request's marker. The marker
   * names the last position returned, so entries added or removed between pages neither repeat nor
   * push others out.
   */
  static <T> Page<T> afterSorted(
      List<T> sorted, Function<T, String> position, String kind, String marker, int limit) {
    String after = position(kind, marker);
    int from = 0;
    if (after != null) {
      while (from < sorted.size() && position.apply(sorted.get(from)).compareTo(after) <= 0) {
        from++;
      }
    }
    return pageFrom(sorted, position, kind, from, limit);
  }

  /**
   * A page of {@code list} (in a stable order whose elements are never removed, such as key material
   * versions) after the element the marker names.
   */
  static <T> Page<T> afterElement(
      List<T> list, Function<T, String> position, String kind, String marker, int limit) {
    String after = position(kind, marker);
    int from = 0;
    if (after != null) {
      while (from < list.size() && !position.apply(list.get(from)).equals(after)) {
        from++;
      }
      if (from == list.size()) {
        throw KmsErrors.invalidMarker();
      }
      from++;
    }
    return pageFrom(list, position, kind, from, limit);
  }

  private static <T> Page<T> pageFrom(
      List<T> list, Function<T, String> position, String kind, int from, int limit) {
    int to = Math.min(list.size(), from + limit);
    List<T> items = from >= list.size() ? List.of() : list.subList(from, to);
    String next =
        to < list.size() && !items.isEmpty()
            ? marker(kind, position.apply(items.get(items.size() - 1)))
            : null;
    return new Page<>(items, next);
  }

  /** The limit to use: the request's, or the default, capped at the maximum AWS documents. */
  static int limit(Integer requested, int defaultLimit, int max) {
    if (requested == null) {
      return defaultLimit;
    }
    return Math.min(requested, max);
  }
}
