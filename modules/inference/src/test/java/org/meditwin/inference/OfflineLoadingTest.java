package org.meditwin.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.meditwin.inference.classify.SpecialtyRouter;
import org.meditwin.inference.engine.DjlEnvironment;
import org.meditwin.inference.registry.ModelEntry;
import org.meditwin.inference.registry.ModelStatus;

/**
 * Loading every shipped model performs no network access: (1) in-process, a recording {@link
 * ProxySelector} sees every URL connection DJL could open; (2) when the test runs as root with
 * {@code unshare}, a child JVM with no network at all loads every model.
 */
class OfflineLoadingTest {

  static final class RecordingProxySelector extends ProxySelector {
    final List<URI> requests = new ArrayList<>();

    @Override
    public synchronized List<Proxy> select(URI uri) {
      requests.add(uri);
      throw new IllegalStateException("network access attempted: " + uri.getHost());
    }

    @Override
    public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
  }

  @Test
  void loadingEveryShippedModelOpensNoConnection() {
    ProxySelector previous = ProxySelector.getDefault();
    RecordingProxySelector recorder = new RecordingProxySelector();
    ProxySelector.setDefault(recorder);
    try {
      InferenceRuntime rt = SharedModels.runtime();
      assertThat(DjlEnvironment.isOffline()).isTrue();
      assertThat(ai.djl.util.Utils.isOfflineMode()).isTrue();
      for (ModelEntry e : rt.models()) {
        assertThat(e.status()).as(e.name()).isEqualTo(ModelStatus.VERIFIED);
      }
      SpecialtyRouter router = rt.router().join();
      assertThat(router.route("Chest pain on exertion.").scores()).hasSize(5);
      assertThat(rt.device().device()).isNotBlank();
      try (var quantised =
          org.meditwin.inference.embedding.BgeEncoder.open(
              org.meditwin.inference.embedding.EncoderVariant.QUANTISED,
              SharedModels.cacheDir().resolve("encoders"),
              1,
              64)) {
        assertThat(quantised.embedBatch(java.util.List.of("Tinnitus."))[0]).hasSize(384);
      }
      assertThat(recorder.requests).isEmpty();
    } finally {
      ProxySelector.setDefault(previous);
    }
  }

  @Test
  void everyModelLoadsInsideANetworkNamespaceWithoutNetwork() throws Exception {
    Path unshare = Path.of("/usr/bin/unshare");
    boolean root = "root".equals(System.getProperty("user.name"));
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isExecutable(unshare) && root,
        "needs root and unshare to create a network namespace");
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(unshare.toString(), "-n", javaBin));
    cmd.addAll(
        List.of(
            "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path")));
    cmd.add("-DDJL_CACHE_DIR=" + SharedModels.cacheDir());
    cmd.add(OfflineProbe.class.getName());
    cmd.add(SharedModels.modelsDir().toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    if (out.contains("unshare failed")) {
      org.junit.jupiter.api.Assumptions.abort("unshare is not permitted here: " + out);
    }
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("OFFLINE-PROBE OK");
  }
}
