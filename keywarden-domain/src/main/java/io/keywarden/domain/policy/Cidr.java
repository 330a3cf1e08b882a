package io.keywarden.domain.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 address block (IpAddress / NotIpAddress). Parses literals only: never a host name
 * (no DNS lookup).
 */
final class Cidr {
  private final byte[] network;
  private final int prefix;

  private Cidr(byte[] network, int prefix) {
    this.network = network;
    this.prefix = prefix;
  }

  /** {@code 203.0.113.0/24}, {@code 2001:db8::/32}, or a single address; {@code null} if invalid. */
  static Cidr parse(String s) {
    String v = s.trim();
    int slash = v.indexOf('/');
    byte[] address = literal(slash < 0 ? v : v.substring(0, slash));
    if (address == null) {
      return null;
    }
    int max = address.length * 8;
    int prefix = max;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(v.substring(slash + 1));
      } catch (NumberFormatException e) {
        return null;
      }
      if (prefix < 0 || prefix > max) {
        return null;
      }
    }
    return new Cidr(address, prefix);
  }

  boolean contains(String ip) {
    byte[] a = literal(ip.trim());
    if (a == null || a.length != network.length) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (a[i] != network[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (a[full] & mask) == (network[full] & mask);
  }

  /** The bytes of an IP literal, or {@code null}; refuses anything that could be a host name. */
  private static byte[] literal(String s) {
    if (s.isEmpty()) {
      return null;
    }
    boolean v6 = s.indexOf(':') >= 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = Character.isDigit(c) || c == '.' || (v6 && (c == ':' || Character.digit(c, 16) >= 0));
      if (!ok) {
        return null;
      }
    }
    if (!v6) {
      String[] parts = s.split("\\.", -1);
      if (parts.length != 4) {
        return null;
      }
      byte[] out = new byte[4];
      for (int i = 0; i < 4; i++) {
        if (parts[i].isEmpty() || parts[i].length() > 3) {
          return null;
        }
        int n = Integer.parseInt(parts[i]);
        if (n > 255) {
          return null;
        }
        out[i] = (byte) n;
      }
      return out;
    }
    try {
      return InetAddress.getByName(s).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
