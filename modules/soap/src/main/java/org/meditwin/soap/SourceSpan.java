package org.meditwin.soap;

/** Characters {@code [start, end)} of the ORIGINAL transcript a draft sentence was derived from. */
public record SourceSpan(int start, int end) implements Comparable<SourceSpan> {
  public SourceSpan {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("invalid source span [" + start + ", " + end + ")");
    }
  }

  public int length() {
    return end - start;
  }

  public boolean overlaps(SourceSpan o) {
    return start < o.end && o.start < end;
  }

  @Override
  public int compareTo(SourceSpan o) {
    return start != o.start ? Integer.compare(start, o.start) : Integer.compare(end, o.end);
  }
}
