package dev.braeburn.acceptance;

import com.apple.itunes.storekit.client.APIException;

/** What the App Store Server API suites share when they call through Apple's Java client. */
final class ServerApiCalls {
  private ServerApiCalls() {}

  interface Call {
    void run() throws Exception;
  }

  /** The Apple errorCode a call fails with (minus the HTTP status when the answer had none); 0 when it succeeds. */
  static long apiError(Call call) {
    try {
      call.run();
      return 0L;
    } catch (APIException e) {
      return e.getRawApiError() == null ? -e.getHttpStatusCode() : e.getRawApiError();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
