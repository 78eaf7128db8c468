package dev.braeburn.server.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.journal.MemoryJournal;
import dev.braeburn.server.journal.RequestJournal;
import dev.braeburn.server.jsonapi.ErrorWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailSafeTest {
  final ObjectMapper mapper = new ObjectMapper();
  final MemoryJournal journal = new MemoryJournal(10);

  @Test
  void anEscapedFailureIsApples500AndAJournalEntryNamingIt() throws Exception {
    FailSafe net = new FailSafe(req -> {
      throw new ArithmeticException("long overflow");
    }, new ErrorWriter(mapper), journal, Clock.systemUTC());
    ApiResponse response = net.handle(new ApiRequest("POST", "/_braeburn/clock/advance", "x=1", Map.of(), new byte[0], "http://h"));
    assertThat(response.status()).isEqualTo(500);
    assertThat(response.headers()).containsKey("X-Request-ID");
    var error = mapper.readTree(response.body()).at("/errors/0");
    assertThat(error.path("code").asText()).isEqualTo("UNEXPECTED_ERROR");
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain("ArithmeticException");
    List<RequestJournal.Entry> entries = journal.recent(new RequestJournal.Filter(500, null, null, 10));
    assertThat(entries).singleElement().satisfies(e -> {
      assertThat(e.path()).isEqualTo("/_braeburn/clock/advance");
      assertThat(e.query()).isEqualTo("x=1");
      assertThat(e.diagnosis()).isEqualTo("Unexpected failure: java.lang.ArithmeticException: long overflow");
      assertThat(e.requestId()).isEqualTo(response.headers().get("X-Request-ID"));
    });
  }

  @Test
  void errorsAreCaughtTooAndAnswersPassThroughUntouched() {
    FailSafe failing = new FailSafe(req -> {
      throw new StackOverflowError();
    }, new ErrorWriter(mapper), journal, Clock.systemUTC());
    ApiRequest request = new ApiRequest("GET", "/_assets/x/1x1bb.png", null, Map.of(), new byte[0], "http://h");
    assertThat(failing.handle(request).status()).isEqualTo(500);
    assertThat(journal.recent(new RequestJournal.Filter(500, null, null, 10)).getFirst().diagnosis())
        .isEqualTo("Unexpected failure: java.lang.StackOverflowError");

    ApiResponse ok = ApiResponse.noContent(204);
    assertThat(new FailSafe(req -> ok, new ErrorWriter(mapper), journal, Clock.systemUTC()).handle(request)).isSameAs(ok);
  }

  @Test
  void theTransportsOwnFailuresAreJournaled() {
    FailSafe net = new FailSafe(req -> null, new ErrorWriter(mapper), journal, Clock.systemUTC());
    net.transportFailure("PUT", "/_uploads/t/1", null, 500, new IllegalStateException("boom"));
    net.transportFailure("GET", "/v1/apps", null, 503, null);
    assertThat(journal.recent(new RequestJournal.Filter(null, null, null, 10))).extracting(RequestJournal.Entry::diagnosis)
        .containsExactly("The HTTP transport failed the request (503)", "Unexpected failure: java.lang.IllegalStateException: boom");
  }
}
