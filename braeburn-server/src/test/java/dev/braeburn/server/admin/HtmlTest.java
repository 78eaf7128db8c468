package dev.braeburn.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {
  @Test
  void escapesTheFiveCharactersThatEndTextOrAnAttribute() {
    assertThat(Html.escape("<script>alert(\"x\" + 'y') && 1</script>"))
        .isEqualTo("&lt;script&gt;alert(&quot;x&quot; + &#39;y&#39;) &amp;&amp; 1&lt;/script&gt;");
  }

  @Test
  void nullIsEmptyAndOtherTextStaysAsItIs() {
    assertThat(Html.escape(null)).isEmpty();
    assertThat(Html.escape("/v1/apps?filter[name]=Ä")).isEqualTo("/v1/apps?filter[name]=Ä");
  }

  @Test
  void cellsOfARowAreEscaped() {
    assertThat(Html.row("<b>", 401)).isEqualTo("<tr><td>&lt;b&gt;</td><td>401</td></tr>");
  }
}
