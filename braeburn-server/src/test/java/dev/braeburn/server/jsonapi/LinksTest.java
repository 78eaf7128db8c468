package dev.braeburn.server.jsonapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinksTest {
  @Test
  void bracketsAreEncodedAndListCommasKept() {
    assertThat(Links.canonical("filter[granularity]=DAILY")).isEqualTo("filter%5Bgranularity%5D=DAILY");
    assertThat(Links.canonical("filter%5bplatform%5d=IOS%2cMAC_OS")).isEqualTo("filter%5Bplatform%5D=IOS,MAC_OS");
    assertThat(Links.canonical("filter[name]=A+B&exists[x]")).isEqualTo("filter%5Bname%5D=A%20B&exists%5Bx%5D");
    assertThat(Links.canonical("filter[name]=Caf%C3%A9")).isEqualTo("filter%5Bname%5D=Caf%C3%A9");
    assertThat(Links.canonical("limit=2&&cursor=abc_-")).isEqualTo("limit=2&cursor=abc_-");
  }

  @Test
  void theNextLinkPutsTheCursorFirstAndDropsTheOldOne() {
    assertThat(Links.withCursor("https://h", "/v1/apps", "cursor=old&fields[apps]=name&limit=2", "new"))
        .isEqualTo("https://h/v1/apps?cursor=new&fields%5Bapps%5D=name&limit=2");
  }
}
