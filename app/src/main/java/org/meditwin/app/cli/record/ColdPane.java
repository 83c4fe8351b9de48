package org.meditwin.app.cli.record;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "first pane open (cold JVM)" part of {@code timeline bench}: starts {@link TimelinePaneProbe}
 * in fresh JVMs with this JVM's own options, class path and module path (so it measures what the
 * launcher runs), under the current display, else under {@code xvfb-run}, else headless Monocle
 * when it is on the class path. Reports the p50 and max of every phase plus each run.
 */
final class ColdPane {
  private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":(-?\\d+)");

  private ColdPane() {}

  static Map<String, Object> measure(
      Path dataDir, String user, char[] password, String patientId, int events, int runs)
      throws IOException {
    List<Map<String, Long>> results = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      results.add(runOnce(dataDir, user, password, patientId, events));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("display", display().name().toLowerCase(java.util.Locale.ROOT));
    out.put("runs", runs);
    for (String key : results.getFirst().keySet()) {
      if (key.equals("events")) {
        continue;
      }
      long[] v = results.stream().mapToLong(r -> r.getOrDefault(key, -1L)).sorted().toArray();
      out.put(key, Map.of("p50", v[v.length / 2], "max", v[v.length - 1]));
    }
    out.put("loadAverage", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    return out;
  }

  enum Display {
    CURRENT,
    XVFB,
    MONOCLE
  }

  static Display display() {
    String d = System.getenv("DISPLAY");
    if (d != null && !d.isBlank()) {
      return Display.CURRENT;
    }
    if (onPath("xvfb-run")) {
      return Display.XVFB;
    }
    try {
      Class.forName(
          "com.sun.glass.ui.monocle.MonocleApplication", false, ColdPane.class.getClassLoader());
      return Display.MONOCLE;
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "the cold pane-open benchmark needs a display, xvfb-run (Debian package xvfb) or"
              + " Monocle; use --cold-runs 0 to skip it");
    }
  }

  private static Map<String, Long> runOnce(
      Path dataDir, String user, char[] password, String patientId, int events) throws IOException {
    List<String> cmd = new ArrayList<>();
    Display display = display();
    if (display == Display.XVFB) {
      cmd.addAll(List.of("xvfb-run", "-a", "-s", "-screen 0 1280x800x24"));
    }
    cmd.add(
        ProcessHandle.current()
            .info()
            .command()
            .filter(c -> Path.of(c).getFileName().toString().equals("java"))
            .orElse(javaBin()));
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!a.startsWith("-agentlib") && !a.startsWith("-XX:StartFlightRecording")) {
        cmd.add(a);
      }
    }
    // profiling hook: e.g. -Dmeditwin.bench.probeJvmArgs=-XX:StartFlightRecording=filename=p.jfr
    String extra = System.getProperty("meditwin.bench.probeJvmArgs", "").strip();
    if (!extra.isEmpty()) {
      cmd.addAll(List.of(extra.split("\\s+")));
    }
    if (display == Display.MONOCLE) {
      cmd.addAll(
          List.of(
              "-Dglass.platform=Monocle",
              "-Dmonocle.platform=Headless",
              "-Dprism.order=sw",
              "-Dprism.text=t2k"));
    }
    String modulePath = System.getProperty("jdk.module.path");
    if (modulePath != null
        && !modulePath.isBlank()
        && ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .noneMatch(a -> a.startsWith("--module-path") || a.startsWith("-p"))) {
      cmd.addAll(List.of("--module-path", modulePath));
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path")));
    cmd.add(TimelinePaneProbe.class.getName());
    cmd.addAll(List.of(dataDir.toString(), user, patientId, Integer.toString(events)));
    Path log = Files.createTempFile("meditwin-cold-pane", ".log");
    try {
      Process p =
          new ProcessBuilder(cmd)
              .redirectError(log.toFile())
              .redirectOutput(ProcessBuilder.Redirect.PIPE)
              .start();
      try (OutputStream in = p.getOutputStream()) {
        byte[] pw = new String(password).getBytes(StandardCharsets.UTF_8);
        in.write(pw);
        in.write('\n');
        Arrays.fill(pw, (byte) 0);
      }
      String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      boolean exited = p.waitFor(180, TimeUnit.SECONDS);
      if (!exited) {
        p.destroyForcibly();
        throw new IllegalStateException("the cold pane-open probe did not finish in 180 s");
      }
      Map<String, Long> r = new LinkedHashMap<>();
      Matcher m = FIELD.matcher(stdout);
      while (m.find()) {
        r.put(m.group(1), Long.parseLong(m.group(2)));
      }
      if (p.exitValue() != 0 || !r.containsKey("selectToListShownMillis")) {
        List<String> tail = Files.readAllLines(log);
        throw new IllegalStateException(
            "the cold pane-open probe failed (exit "
                + p.exitValue()
                + "): "
                + String.join(" | ", tail.subList(Math.max(0, tail.size() - 5), tail.size())));
      }
      return r;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static boolean onPath(String exe) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String d : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, exe))) {
        return true;
      }
    }
    return false;
  }
}
