package dev.braeburn.server.engine;

import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.http.RequestHandler;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ErrorWriter;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.journal.RequestJournal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last net under all request handling (admin API, public routes such as {@code /_uploads/},
 * {@code /_assets/}, {@code /_reports/}, and the engine, which keeps its own net for the journal
 * entries it knows more about): any exception or error that escapes — an {@code ArithmeticException}
 * from a client's number, an {@code OutOfMemoryError} — becomes Apple's 500 {@code UNEXPECTED_ERROR}
 * document, the stack trace goes to the server log and the request goes to the journal with a
 * diagnosis naming the exception, so no 5xx is ever silent. The transport reports the 5xx it
 * makes itself through {@link #transportFailure}.
 */
public final class FailSafe implements RequestHandler {
  private static final Logger LOG = LoggerFactory.getLogger(FailSafe.class);
  /** Written when even rendering the error fails (e.g. the heap is still exhausted). */
  private static final byte[] FALLBACK_500 = ("{\"errors\":[{\"status\":\"500\",\"code\":\"UNEXPECTED_ERROR\","
      + "\"title\":\"An unexpected error occurred.\"}]}").getBytes(StandardCharsets.UTF_8);

  private final RequestHandler inner;
  private final ErrorWriter errors;
  private final RequestJournal journal;
  private final Clock clock;

  public FailSafe(RequestHandler inner, ErrorWriter errors, RequestJournal journal, Clock clock) {
    this.inner = inner;
    this.errors = errors;
    this.journal = journal;
    this.clock = clock;
  }

  @Override
  public ApiResponse handle(ApiRequest request) {
    long started = System.nanoTime();
    try {
      return inner.handle(request);
    } catch (Throwable failure) {
      LOG.error("unexpected failure on {} {}", request.method(), request.path(), failure);
      String requestId = RequestIds.next();
      record(requestId, request.method(), request.path(), request.query(), 500, diagnosis(failure), started);
      return unexpected().withHeader("X-Request-ID", requestId);
    }
  }

  /** Records a 5xx the transport answered itself (Jetty's error handling), with its cause when known. */
  public void transportFailure(String method, String path, String query, int status, Throwable cause) {
    record(RequestIds.next(), method, path, query, status,
        cause == null ? "The HTTP transport failed the request (" + status + ")" : diagnosis(cause), System.nanoTime());
  }

  /** "Unexpected failure: java.lang.ArithmeticException: long overflow" — the exception named, for the journal. */
  public static String diagnosis(Throwable failure) {
    String message = failure.getMessage();
    return "Unexpected failure: " + failure.getClass().getName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
  }

  private ApiResponse unexpected() {
    try {
      return errors.render(List.of(Errors.unexpected()));
    } catch (Throwable renderingFailed) {
      return ApiResponse.json(500, FALLBACK_500);
    }
  }

  private void record(String requestId, String method, String path, String query, int status, String diagnosis, long started) {
    ApiError error = Errors.unexpected();
    try {
      journal.record(new RequestJournal.Entry(requestId, clock.instant(), method, path, query, status, null, null, error.code(),
          diagnosis, (System.nanoTime() - started) / 1000));
    } catch (RuntimeException journalFailed) {
      LOG.error("could not journal the failure of {} {}", method, path, journalFailed);
    }
  }
}
