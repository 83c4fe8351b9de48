package org.meditwin.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/** Version facts written into {@code meditwin-build.properties} by the Maven build. */
public record BuildInfo(String name, String version) {

  /** Reads the build properties; "development" when run from unfiltered sources. */
  public static BuildInfo current() {
    Properties properties = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("/meditwin-build.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String version = properties.getProperty("version", "development");
    if (version.contains("${")) {
      version = "development";
    }
    return new BuildInfo(properties.getProperty("name", "MediTwin Workstation"), version);
  }

  /** For {@code --version}. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      BuildInfo info = current();
      return new String[] {
        info.name() + " " + info.version(),
        "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
      };
    }
  }
}
