package dev.braeburn.acceptance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.BraeburnServer;
import dev.braeburn.server.Config;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * A Braeburn server in a process of its own, so that a test can {@code kill -9} it. Arguments:
 * {@code <data dir> <sqlite|postgres> [jdbc url]}. Listens on 127.0.0.1 on a free port, quiet, rate
 * limits off, and prints one line to stdout, {@code BRAEBURN-CHILD {"port":…}} (with {@code
 * issuerId}, {@code keyId} and {@code keyFile} on the first start of a data directory), which the
 * parent waits for instead of guessing how long a start takes.
 *
 * <p>It then runs until its stdin closes: a parent that dies or forgets it does not leave a server
 * behind. Closing stdin is the graceful stop; {@code kill -9} is the other one.
 */
public final class ChildServerMain {
  static final String READY = "BRAEBURN-CHILD ";

  private ChildServerMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: ChildServerMain <data dir> <sqlite|postgres> [jdbc url]");
    }
    Config config = Config.defaults().withHost("127.0.0.1").withPort(0).withQuiet(true).withHourlyLimit(0)
        .withDataDir(Path.of(args[0])).withStore(args[1], args.length > 2 ? args[2] : null);
    BraeburnServer server = BraeburnServer.start(config, new PrintStream(PrintStream.nullOutputStream()));
    ObjectNode ready = new ObjectMapper().createObjectNode().put("port", server.port());
    BraeburnServer.FirstStart first = server.firstStart();
    if (first != null) {
      ready.put("issuerId", first.issuerId()).put("keyId", first.keyId()).put("keyFile", first.privateKeyFile().toString());
    }
    System.out.println(READY + ready);
    System.out.flush();
    while (System.in.read() >= 0) {
      // nothing is expected on stdin; only its end matters
    }
    server.close();
    System.exit(0); // Jetty and pool threads must not keep the JVM alive after the stop
  }
}
