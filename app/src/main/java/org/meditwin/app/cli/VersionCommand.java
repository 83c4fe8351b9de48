package org.meditwin.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "version", description = "Print the application, Java and JavaFX versions.")
final class VersionCommand implements Callable<Integer> {
  private final CliContext context;

  VersionCommand(CliContext context) {
    this.context = context;
  }

  record Result(
      String name, String version, String java, String javaVendor, String javafx, String os) {}

  @Override
  public Integer call() {
    BuildInfo build = BuildInfo.current();
    Result result =
        new Result(
            build.name(),
            build.version(),
            Runtime.version().toString(),
            System.getProperty("java.vendor", ""),
            JavaFxRuntime.version().orElse("absent"),
            System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    context.emit(
        result,
        String.join(
            System.lineSeparator(),
            result.name() + " " + result.version(),
            "Java   " + result.java() + " (" + result.javaVendor() + ")",
            "JavaFX " + result.javafx(),
            "OS     " + result.os()));
    return ExitCode.OK;
  }
}
