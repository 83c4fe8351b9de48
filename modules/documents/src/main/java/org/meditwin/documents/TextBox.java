package org.meditwin.documents;

/**
 * Where the characters {@code [start, end)} of a page's text sit on the page, as fractions of the
 * page width and height (origin top-left), so a viewer can draw them at any zoom.
 */
public record TextBox(int start, int end, double x, double y, double width, double height) {
  public TextBox {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("invalid text box offsets");
    }
  }
}
