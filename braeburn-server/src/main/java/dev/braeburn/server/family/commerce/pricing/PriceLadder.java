package dev.braeburn.server.family.commerce.pricing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Apple's price ladder since 2023, in US dollars: free, then $0.29–$9.99 in steps of $0.10, to
 * $49.99 in $0.50, to $199.99 in $1, to $499.99 in $5, to $999.99 in $10, to $9,999.99 in $100
 * (Apple's announcement of the 900 price points, reported e.g. at
 * https://voonze.com/apple-developers-can-now-manage-app-prices-more-flexibly/). [INFER] Apple also
 * offers alternative endings (x.00, x.90, x.95) to reach its ~800 default points; this ladder keeps
 * the .99 endings only (529 points). A point's number ({@code "p"} of its id) is 10000 + its index,
 * the same number in every territory: point {@code p} of any territory equalizes to point {@code p}
 * of every other [INFER: Apple's numbers are opaque; protocol.md shows {@code "p":"10001"}].
 */
public final class PriceLadder {
  public static final int FIRST_NUMBER = 10000;
  private static final List<BigDecimal> USD = build();

  private PriceLadder() {}

  /** Points per territory. */
  public static int size() {
    return USD.size();
  }

  /** The dollar price of point index {@code i} (0 is free). */
  public static BigDecimal usd(int index) {
    return USD.get(index);
  }

  /** The index of point number {@code p} ("10008"), or -1 when no such point exists. */
  public static int index(String number) {
    try {
      int i = Integer.parseInt(number) - FIRST_NUMBER;
      return i >= 0 && i < USD.size() ? i : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The point number of index {@code i}. */
  public static String number(int index) {
    return String.valueOf(FIRST_NUMBER + index);
  }

  /** The index of the point whose dollar price is {@code usd}, or -1. */
  public static int indexOfUsd(BigDecimal usd) {
    for (int i = 0; i < USD.size(); i++) {
      if (USD.get(i).compareTo(usd) == 0) {
        return i;
      }
    }
    return -1;
  }

  private static List<BigDecimal> build() {
    List<BigDecimal> out = new ArrayList<>();
    out.add(new BigDecimal("0.00"));
    band(out, "0.29", "9.99", "0.10");
    band(out, "10.49", "49.99", "0.50");
    band(out, "50.99", "199.99", "1");
    band(out, "204.99", "499.99", "5");
    band(out, "509.99", "999.99", "10");
    band(out, "1099.99", "9999.99", "100");
    return List.copyOf(out);
  }

  private static void band(List<BigDecimal> out, String from, String to, String step) {
    BigDecimal last = new BigDecimal(to);
    for (BigDecimal v = new BigDecimal(from); v.compareTo(last) <= 0; v = v.add(new BigDecimal(step))) {
      out.add(v.setScale(2));
    }
  }
}
