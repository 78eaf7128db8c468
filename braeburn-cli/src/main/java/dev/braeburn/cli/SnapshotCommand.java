package dev.braeburn.cli;

import dev.braeburn.server.snapshot.AtomicFile;
import dev.braeburn.server.snapshot.SnapshotException;
import dev.braeburn.server.snapshot.SnapshotSummary;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code braeburn snapshot save FILE [--team ISSUER_ID]} and {@code braeburn snapshot load FILE}
 * (docs/snapshots.md): through the admin API of the server running on the data directory (or at
 * {@code --url}), so that its caches learn of a load at once; otherwise straight on the store,
 * without starting HTTP. Either way the file is replaced atomically, and gzip when it ends in .gz.
 */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
    description = "Save or load a snapshot of the whole server's or one team's state.",
    subcommands = {SnapshotCommand.Save.class, SnapshotCommand.Load.class})
final class SnapshotCommand {

  /** Where the store is when no server runs on the data directory: the options of {@code serve}. */
  static final class StoreOptions {
    @Option(names = "--store", defaultValue = "sqlite", description = "sqlite (default: <data>/braeburn.db) or postgres, when no server is running.")
    String kind;

    @Option(names = "--jdbc-url", description = "JDBC URL for --store postgres.")
    String jdbcUrl;
  }

  @Command(name = "save", mixinStandardHelpOptions = true,
      description = "Save the whole server's state (or one team's) to FILE; FILE is replaced only once the snapshot is complete.")
  static final class Save implements Callable<Integer> {
    @Mixin ServerOptions server;
    @Mixin StoreOptions store;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Snapshot file; gzip-compressed when it ends in .gz.")
    Path file;

    @Option(names = "--team", paramLabel = "ISSUER_ID", description = "Only this team (default: the whole server).")
    String team;

    @Override
    public Integer call() throws Exception {
      try (SnapshotEndpoint endpoint = SnapshotEndpoint.open(server, store, true);
          Progress progress = Progress.onStderr(spec, "Saving snapshot…", "written")) {
        AtomicFile.write(file, out -> {
          endpoint.save(team, progress.counting(out));
          return null;
        });
      } catch (SnapshotException e) {
        throw failure(e);
      } catch (NoSuchFileException e) {
        throw new CliException("cannot write " + file + ": there is no directory " + file.toAbsolutePath().getParent());
      }
      spec.commandLine().getOut().println("Saved a snapshot of " + (team == null ? "the whole server" : "team " + team) + " to "
          + file.toAbsolutePath() + ".");
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(name = "load", mixinStandardHelpOptions = true,
      description = "Load a snapshot: a whole-server one replaces every team, a team one replaces that team only.")
  static final class Load implements Callable<Integer> {
    @Mixin ServerOptions server;
    @Mixin StoreOptions store;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Snapshot file (plain or gzip-compressed).")
    Path file;

    @Override
    public Integer call() throws Exception {
      SnapshotSummary loaded;
      try (SnapshotEndpoint endpoint = SnapshotEndpoint.open(server, store, false);
          Progress progress = Progress.onStderr(spec, "Loading snapshot…", "sent")) {
        loaded = endpoint.load(file, progress);
      } catch (SnapshotException e) {
        throw failure(e);
      } catch (NoSuchFileException e) {
        throw new CliException("no snapshot file " + file.toAbsolutePath());
      }
      spec.commandLine().getOut().println("Loaded " + file + " into " + (loaded.issuerId() == null ? "the whole server"
          : "team " + loaded.issuerId()) + ": " + loaded.counts() + ".");
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  static CliException failure(SnapshotException e) {
    return new CliException(e.pointer() == null || e.pointer().isEmpty() ? e.getMessage() : e.getMessage() + " (at " + e.pointer() + ")");
  }
}
