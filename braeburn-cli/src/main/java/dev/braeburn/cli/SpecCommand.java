package dev.braeburn.cli;

import dev.braeburn.spec.SpecCompiler;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code braeburn spec compile openapi.json}: regenerates the committed spec model. */
@Command(name = "spec", mixinStandardHelpOptions = true, description = "Spec model tools.", subcommands = SpecCommand.Compile.class)
final class SpecCommand {
  @Command(name = "compile", mixinStandardHelpOptions = true, description = "Derive the compact model from Apple's OpenAPI file.")
  static final class Compile implements Callable<Integer> {
    @Parameters(index = "0", description = "Apple's App Store Connect OpenAPI JSON.")
    Path openApi;

    @Option(names = "--out", defaultValue = "braeburn-spec/src/main/resources/dev/braeburn/spec/asc-model.json.gz",
        description = "Model file to write (default ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
      SpecCompiler.compile(openApi, out);
      System.out.println("wrote " + out.toAbsolutePath());
      return 0;
    }
  }
}
