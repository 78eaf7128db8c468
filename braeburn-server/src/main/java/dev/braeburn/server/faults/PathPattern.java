package dev.braeburn.server.faults;

import java.util.regex.Pattern;

/**
 * A rule's path as a glob over the request path (no query): {@code *} is any run of characters
 * inside one path segment, {@code **} any run across segments, everything else literal. A glob
 * rather than a regular expression because paths are full of characters a regex treats specially
 * ({@code .}, {@code ?}) and a rule is written on a command line; {@code /v1/apps/*}{@code
 * /inAppPurchasesV2} is what a user means.
 */
record PathPattern(String glob, Pattern regex) {
  static PathPattern of(String glob) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        regex.append(".*");
        i++;
      } else if (c == '*') {
        regex.append("[^/]*");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return new PathPattern(glob, Pattern.compile(regex.toString()));
  }

  boolean matches(String path) {
    return regex.matcher(path).matches();
  }
}
