package org.meditwin.app.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.joran.util.ConfigurationWatchListUtil;
import java.net.URL;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Points logback at {@code $MEDITWIN_HOME/logs} before anything logs. The configuration is {@code
 * logback.xml}: JSON lines to {@code logs/meditwin.log} (size-rolled) and human-readable WARN+ to
 * stderr.
 */
public final class Logging {
  /** System property read by {@code logback.xml} for the log directory. */
  public static final String LOG_DIR_PROPERTY = "meditwin.logDir";

  /** System property read by {@code logback.xml} for the stderr threshold. */
  public static final String STDERR_LEVEL_PROPERTY = "meditwin.stderrLevel";

  private static boolean reconfigureNeeded;
  private static Path configuredHome;
  private static boolean configuredVerbose;

  private Logging() {}

  /**
   * Sets the data directory's log location and (re)loads {@code logback.xml}. Safe to call again
   * (after a restore, or in tests with a different home).
   */
  public static synchronized void configure(Path dataHome, boolean verbose) {
    configuredHome = dataHome;
    configuredVerbose = verbose;
    System.setProperty(DataHome.PROPERTY, dataHome.toString());
    System.setProperty(LOG_DIR_PROPERTY, dataHome.resolve("logs").toString());
    System.setProperty(STDERR_LEVEL_PROPERTY, verbose ? "INFO" : "WARN");
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    URL config = Logging.class.getClassLoader().getResource("logback.xml");
    if (config == null) {
      return;
    }
    if (!reconfigureNeeded && config.equals(ConfigurationWatchListUtil.getMainWatchURL(context))) {
      // first call: logback's own start-up already read logback.xml with these properties
      reconfigureNeeded = true;
      return;
    }
    reconfigureNeeded = true;
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(config);
    } catch (JoranException e) {
      // logback keeps its own status list; a broken config must never stop the application
      context.getStatusManager().add(new ch.qos.logback.core.status.ErrorStatus(e.getMessage(), e));
    }
  }

  /**
   * Reopens the log file when logging was configured for {@code dataHome} (the directory was
   * replaced, e.g. by a restore); otherwise leaves the configuration alone.
   */
  public static synchronized void reopenIfConfiguredFor(Path dataHome) {
    if (dataHome.equals(configuredHome)) {
      configure(dataHome, configuredVerbose);
    }
  }

  /** Flushes and closes the appenders (before the process exits). */
  public static void shutdown() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.stop();
    }
  }
}
