package org.meditwin.dictation.lm;

/** Spells integers as spoken English ("forty five", "two thousand five hundred"). */
public final class Numbers {
  private static final String[] ONES = {
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen"
  };
  private static final String[] TENS = {
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"
  };

  private Numbers() {}

  /** 0 ≤ n &lt; 1,000,000; larger numbers are spelled digit by digit. */
  public static String spell(long n) {
    if (n < 0) {
      return "minus " + spell(-n);
    }
    if (n >= 1_000_000) {
      StringBuilder b = new StringBuilder();
      for (char c : Long.toString(n).toCharArray()) {
        b.append(b.isEmpty() ? "" : " ").append(ONES[c - '0']);
      }
      return b.toString();
    }
    if (n < 20) {
      return ONES[(int) n];
    }
    if (n < 100) {
      return TENS[(int) n / 10] + (n % 10 == 0 ? "" : " " + ONES[(int) n % 10]);
    }
    if (n < 1000) {
      return ONES[(int) n / 100] + " hundred" + (n % 100 == 0 ? "" : " " + spell(n % 100));
    }
    return spell(n / 1000) + " thousand" + (n % 1000 == 0 ? "" : " " + spell(n % 1000));
  }
}
