package org.meditwin.documents;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Turns Tesseract's TSV output (level, page, block, paragraph, line, word, left, top, width,
 * height, confidence, text) into page text plus one box per word: words joined by a space, lines by
 * a newline (also between paragraphs: scans often make each line a paragraph), blocks by a blank
 * line.
 */
final class TsvLayout {
  private static final int WORD_LEVEL = 5;

  private TsvLayout() {}

  static TesseractOcr.Result parse(String tsv, int imageWidth, int imageHeight) {
    StringBuilder text = new StringBuilder();
    List<TextBox> boxes = new ArrayList<>();
    double confSum = 0;
    int confCount = 0;
    int lastBlock = -1;
    int lastPar = -1;
    int lastLine = -1;
    for (String row : tsv.split("\n")) {
      String[] c = row.split("\t", 12);
      if (c.length < 12 || !isInt(c[0]) || Integer.parseInt(c[0]) != WORD_LEVEL) {
        continue;
      }
      String word = c[11].strip();
      if (word.isEmpty()) {
        continue;
      }
      int block = Integer.parseInt(c[2]);
      int par = Integer.parseInt(c[3]);
      int line = Integer.parseInt(c[4]);
      if (!text.isEmpty()) {
        if (block != lastBlock) {
          text.append("\n\n");
        } else if (par != lastPar || line != lastLine) {
          text.append('\n');
        } else {
          text.append(' ');
        }
      }
      lastBlock = block;
      lastPar = par;
      lastLine = line;
      int start = text.length();
      text.append(word);
      double left = Double.parseDouble(c[6]);
      double top = Double.parseDouble(c[7]);
      double width = Double.parseDouble(c[8]);
      double height = Double.parseDouble(c[9]);
      boxes.add(
          new TextBox(
              start,
              text.length(),
              left / imageWidth,
              top / imageHeight,
              width / imageWidth,
              height / imageHeight));
      double conf = Double.parseDouble(c[10]);
      if (conf >= 0) {
        confSum += conf;
        confCount++;
      }
    }
    return new TesseractOcr.Result(
        text.toString(),
        boxes,
        confCount == 0 ? OptionalDouble.empty() : OptionalDouble.of(confSum / confCount));
  }

  private static boolean isInt(String s) {
    if (s.isEmpty() || s.length() > 9) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
