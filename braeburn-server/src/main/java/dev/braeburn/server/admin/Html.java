package dev.braeburn.server.admin;

/**
 * The console's HTML: one escape function every value goes through, and the page frame (nav bar,
 * a little inline CSS). Nothing is loaded from elsewhere, so the console works offline.
 */
final class Html {
  private static final String STYLE = "body{font:14px system-ui,sans-serif;margin:0}nav{background:#2d3e50;padding:8px 16px}"
      + "nav a,nav button{color:#fff;margin-right:16px;background:none;border:0;font:inherit;cursor:pointer;text-decoration:underline}"
      + "nav form{display:inline}main{padding:16px}table{border-collapse:collapse;margin-bottom:16px}"
      + "td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}th{background:#eee}"
      + ".diagnosis{white-space:pre-wrap;max-width:60em}.error{color:#b00}form.inline{display:inline;margin-right:8px}";

  private Html() {}

  /** Text safe inside an element or a double- or single-quoted attribute; null is the empty string. */
  static String escape(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** The nav bar: page (under /_braeburn/console/) → link text, in the order shown. */
  private static final java.util.Map<String, String> NAV = navigation(
      "teams", "Teams and keys",
      "requests", "Requests",
      "resources", "Resources",
      "clock", "Clock",
      "apps", "Apps",
      "webhooks", "Webhooks",
      "reviews", "Reviews");

  private static java.util.Map<String, String> navigation(String... pairs) {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.put(pairs[i], pairs[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  /** A whole page; {@code formToken} non-null means signed in: the nav bar and the logout button show. */
  static String page(String title, String formToken, String body) {
    StringBuilder out = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(escape(title)).append(" · Braeburn console</title><style>").append(STYLE).append("</style></head><body>");
    if (formToken != null) {
      out.append("<nav>");
      NAV.forEach((page, label) -> out.append("<a href=\"/_braeburn/console/").append(page).append("\">").append(escape(label)).append("</a>"));
      out.append("<form method=\"post\" action=\"/_braeburn/console/logout\">")
          .append(tokenField(formToken)).append("<button type=\"submit\">Log out</button></form></nav>");
    }
    return out.append("<main><h1>").append(escape(title)).append("</h1>").append(body).append("</main></body></html>").toString();
  }

  /** The hidden per-session form token every state-changing form carries (the CSRF check). */
  static String tokenField(String formToken) {
    return "<input type=\"hidden\" name=\"formToken\" value=\"" + escape(formToken) + "\">";
  }

  /** A table row of escaped cells. */
  static String row(Object... cells) {
    StringBuilder out = new StringBuilder("<tr>");
    for (Object cell : cells) {
      out.append("<td>").append(escape(cell)).append("</td>");
    }
    return out.append("</tr>").toString();
  }

  /** A header row (the names are constants, still escaped). */
  static String headerRow(String... names) {
    StringBuilder out = new StringBuilder("<tr>");
    for (String name : names) {
      out.append("<th>").append(escape(name)).append("</th>");
    }
    return out.append("</tr>").toString();
  }
}
