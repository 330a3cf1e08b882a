package io.keywarden.protocol.query;

import java.nio.charset.StandardCharsets;

/**
 * Writes an XML document of elements and text, with no declaration (AWS's Query responses have
 * none). Text is escaped: {@code & < >} as entities (and {@code "} in attributes), carriage returns and line feeds as character
 * references (so that they survive parsers' newline normalization), characters XML 1.0 cannot carry
 * (other controls, unpaired surrogates, U+FFFE, U+FFFF) as U+FFFD. Element names come from the
 * models and are written as they are. Not thread-safe; no {@code toString}, as documents may carry
 * secrets (an {@code AssumeRole} result's secret access key).
 */
public final class XmlWriter {
  private final StringBuilder out;

  public XmlWriter(int capacity) {
    this.out = new StringBuilder(capacity);
  }

  /** Opens {@code <name>}. */
  public XmlWriter start(String name) {
    out.append('<').append(name).append('>');
    return this;
  }

  /** Opens {@code <name xmlns="namespace">}, or {@code <name>} when {@code namespace} is null or empty. */
  public XmlWriter start(String name, String namespace) {
    if (namespace == null || namespace.isEmpty()) {
      return start(name);
    }
    out.append('<').append(name).append(" xmlns=\"");
    escape(namespace, true);
    out.append("\">");
    return this;
  }

  /** Closes {@code </name>}. */
  public XmlWriter end(String name) {
    out.append("</").append(name).append('>');
    return this;
  }

  /** Appends escaped text. */
  public XmlWriter text(String text) {
    escape(text, false);
    return this;
  }

  /** {@code <name>text</name>}. */
  public XmlWriter element(String name, String text) {
    return start(name).text(text).end(name);
  }

  /** The document as UTF-8. */
  public byte[] toBytes() {
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void escape(String text, boolean attribute) {
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&':
          out.append("&amp;");
          break;
        case '<':
          out.append("&lt;");
          break;
        case '>':
          out.append("&gt;");
          break;
        case '"':
          if (attribute) {
            out.append("&quot;");
          } else {
            out.append(c);
          }
          break;
        case '\r':
          out.append("&#xD;");
          break;
        case '\n':
          out.append("&#xA;");
          break;
        case '\t':
          out.append(c);
          break;
        default:
          if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
            out.append(c).append(text.charAt(++i));
          } else if (c < 0x20 || Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') {
            out.append('\uFFFD');
          } else {
            out.append(c);
          }
      }
    }
  }
}
