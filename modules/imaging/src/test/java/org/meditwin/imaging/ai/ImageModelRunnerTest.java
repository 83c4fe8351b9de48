package org.meditwin.imaging.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.imaging.DicomInfo;
import org.meditwin.imaging.Frame;
import org.meditwin.imaging.ImageDescription;
import org.meditwin.imaging.VoiFunction;
import org.meditwin.imaging.render.RenderedImage;
import org.meditwin.inference.registry.ModelUnavailableException;

/**
 * The generic runner on ONNX graphs the test writes itself (OnnxGraphs), with outputs computed by
 * hand, and the catalog's validation of broken model folders.
 */
class ImageModelRunnerTest {
  @TempDir Path models;

  static ImageDescription grey16(int size) {
    return new ImageDescription(
        size,
        size,
        1,
        1,
        16,
        12,
        11,
        false,
        "MONOCHROME2",
        0,
        1,
        0,
        "",
        Optional.empty(),
        List.of(),
        List.of(),
        VoiFunction.LINEAR,
        Optional.empty(),
        List.of(),
        Optional.of(new ImageDescription.PixelSpacing(0.5, 0.5)));
  }

  static DicomInfo info(String modality, String bodyPart, ImageDescription image) {
    return new DicomInfo(
        "1.2.840.10008.1.2.1",
        "",
        "1.2.840.10008.5.1.4.1.1.2",
        "",
        "1.2.3.4.5",
        modality,
        "",
        "",
        "",
        "",
        "1.2.3",
        "",
        "",
        "",
        "",
        "1.2.3.4",
        1,
        "",
        1,
        bodyPart,
        "",
        Optional.empty(),
        Optional.empty(),
        0,
        Optional.of(image));
  }

  /** 16×16: left half 0, right half 100. */
  static Frame halves() {
    int[] v = new int[256];
    for (int y = 0; y < 16; y++) {
      for (int x = 8; x < 16; x++) {
        v[y * 16 + x] = 100;
      }
    }
    return new Frame(16, 16, 1, "MONOCHROME2", v);
  }

  /** 16×16 horizontal ramp: value 16·x. */
  static Frame ramp() {
    int[] v = new int[256];
    for (int i = 0; i < v.length; i++) {
      v[i] = 16 * (i % 16);
    }
    return new Frame(16, 16, 1, "MONOCHROME2", v);
  }

  static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  /** Writes models/NAME/{model.onnx, model.json}; {@code extra} goes inside the JSON object. */
  static Path install(
      Path models, String name, String task, byte[] onnx, String input, String output)
      throws Exception {
    Path dir = Files.createDirectories(models.resolve(name));
    Files.write(dir.resolve("model.onnx"), onnx);
    String json =
        """
        {"name": "%s", "version": "1.0.0", "task": "%s", "engine": "OnnxRuntime",
         "files": [{"path": "model.onnx", "sha256": "%s", "bytes": %d}],
         "input": %s, "output": %s}
        """
            .formatted(name, task, sha256(onnx), onnx.length, input, output);
    Files.writeString(dir.resolve("model.json"), json);
    return dir;
  }

  static double softmax0(double l0, double l1) {
    return Math.exp(l0) / (Math.exp(l0) + Math.exp(l1));
  }

  @Test
  void classifiesWithAnOnnxGraphAsComputedByHand() throws Exception {
    install(
        models,
        "tiny-classifier",
        "image-classification",
        OnnxGraphs.classifier(
            4, new float[] {2, -2}, new float[] {0, 0}, new float[] {0.5f, -0.5f}, true),
        """
        {"modality": ["CT"], "width": 4, "height": 4, "normalisation": {"type": "min-max"},
         "resize": "area"}""",
        """
        {"activation": "none", "labels": ["left", "right"]}""");
    ModelCatalog catalog = ModelCatalog.scan(models);
    ModelCatalog.Entry entry = catalog.find("tiny-classifier").orElseThrow();
    assertThat(entry.status()).isEqualTo(ModelCatalog.Status.READY);
    try (ImageModelRunner runner = ImageModelRunner.open(entry)) {
      ImageAnalysis a = runner.analyze(info("CT", "", grey16(16)), grey16(16), halves());
      // min-max → 0 and 1, area-resized to 4x4 keeps the halves: mean 0.5;
      // logits = (2·0.5 + 0.5, -2·0.5 - 0.5) = (1.5, -1.5)
      assertThat(a.probability("left").orElseThrow()).isCloseTo(softmax0(1.5, -1.5), offset(1e-5));
      assertThat(a.probability("right").orElseThrow())
          .isCloseTo(1 - softmax0(1.5, -1.5), offset(1e-5));
      assertThat(a.top().orElseThrow().label()).isEqualTo("left");
      assertThat(a.applicability().applicable()).isTrue();
      assertThat(a.heatmap()).isEmpty();
      assertThat(a.width()).isEqualTo(16);
      assertThat(a.inferenceMillis()).isPositive();
    }
  }

  @Test
  void appliesTheDescriptorsWindowAndSoftmaxToRawLogits() throws Exception {
    install(
        models,
        "tiny-logits",
        "image-classification",
        OnnxGraphs.classifier(
            4, new float[] {2, -2}, new float[] {0, 0}, new float[] {0, 0}, false),
        """
        {"width": 4, "height": 4,
         "normalisation": {"type": "window", "center": 50, "width": 100}, "resize": "bilinear"}""",
        """
        {"activation": "softmax", "labels": ["a", "b"]}""");
    int[] v = new int[256];
    java.util.Arrays.fill(v, 25); // window 0..100 → 0.25; logits (0.5, -0.5)
    try (ImageModelRunner runner =
        ImageModelRunner.open(ModelCatalog.scan(models).find("tiny-logits").orElseThrow())) {
      ImageAnalysis a =
          runner.analyze(
              info("MR", "", grey16(16)), grey16(16), new Frame(16, 16, 1, "MONOCHROME2", v));
      assertThat(a.probability("a").orElseThrow()).isCloseTo(softmax0(0.5, -0.5), offset(1e-5));
    }
  }

  @Test
  void segmentsWithArgMaxAndResizesTheLabelMapToTheImage() throws Exception {
    install(
        models,
        "tiny-argmax",
        "image-segmentation",
        OnnxGraphs.argmaxSegmenter(8, 0.5f),
        """
        {"width": 8, "height": 8, "normalisation": {"type": "min-max"}, "resize": "nearest"}""",
        """
        {"classes": [{"index": 1, "label": "bright", "colour": "#00ff00"}]}""");
    try (ImageModelRunner runner =
        ImageModelRunner.open(ModelCatalog.scan(models).find("tiny-argmax").orElseThrow())) {
      ImageAnalysis a = runner.analyze(info("CT", "", grey16(16)), grey16(16), ramp());
      // model pixel tx samples x = 2tx+1 (value (2tx+1)/15 > 0.5 ⇔ tx ≥ 4); back at 16 px: x ≥ 8
      int[] labels = a.labelMap().orElseThrow();
      assertThat(labels).hasSize(256);
      for (int i = 0; i < 256; i++) {
        assertThat(labels[i]).as("pixel %d", i).isEqualTo(i % 16 >= 8 ? 1 : 0);
      }
      assertThat(a.probability("bright").orElseThrow()).isEqualTo(0.5);
      RenderedImage base = new RenderedImage(16, 16, false, new int[256]);
      RenderedImage shown = ImageAnalysis.overlay(base, a, 1.0, ColorMap.JET);
      assertThat(shown.rgb()[15]).isEqualTo(0x00FF00);
      assertThat(shown.rgb()[0]).isZero();
    }
  }

  @Test
  void segmentsWithASigmoidGraph() throws Exception {
    install(
        models,
        "tiny-sigmoid",
        "image-segmentation",
        OnnxGraphs.sigmoidSegmenter(16, 0.5f),
        """
        {"width": 16, "height": 16, "normalisation": {"type": "min-max"}}""",
        """
        {"activation": "none", "classes": [{"index": 1, "label": "bright"}]}""");
    try (ImageModelRunner runner =
        ImageModelRunner.open(ModelCatalog.scan(models).find("tiny-sigmoid").orElseThrow())) {
      int[] labels =
          runner.analyze(info("CT", "", grey16(16)), grey16(16), ramp()).labelMap().orElseThrow();
      for (int i = 0; i < 256; i++) {
        assertThat(labels[i]).isEqualTo(i % 16 / 15.0 > 0.5 ? 1 : 0);
      }
    }
  }

  @Test
  void catalogExplainsEveryBrokenModel() throws Exception {
    byte[] onnx = OnnxGraphs.sigmoidSegmenter(4, 0.5f);
    String in = "{\"width\": 4, \"height\": 4}";
    String out = "{\"classes\": [{\"index\": 1, \"label\": \"x\"}]}";
    install(models, "ok-model", "image-segmentation", onnx, in, out);
    Path altered = install(models, "altered", "image-segmentation", onnx, in, out);
    Files.write(altered.resolve("model.onnx"), OnnxGraphs.sigmoidSegmenter(4, 0.25f));
    Path missing = install(models, "missing-file", "image-segmentation", onnx, in, out);
    Files.delete(missing.resolve("model.onnx"));
    Path engine = install(models, "wrong-engine", "image-segmentation", onnx, in, out);
    Files.writeString(
        engine.resolve("model.json"),
        Files.readString(engine.resolve("model.json")).replace("OnnxRuntime", "TensorFlow"));
    Path bad = Files.createDirectories(models.resolve("bad-json"));
    Files.writeString(bad.resolve("model.json"), "{\"name\": \"bad-json\", ");
    Path noClasses = install(models, "no-classes", "image-segmentation", onnx, in, "{}");
    Path text = Files.createDirectories(models.resolve("text-model"));
    Files.writeString(
        text.resolve("model.json"),
        "{\"name\": \"text-model\", \"task\": \"text-classification\"}");

    ModelCatalog catalog = ModelCatalog.scan(models);
    assertThat(catalog.entries())
        .extracting(ModelCatalog.Entry::name)
        .containsExactly(
            "altered", "bad-json", "missing-file", "no-classes", "ok-model", "wrong-engine");
    assertThat(catalog.find("ok-model").orElseThrow().status())
        .isEqualTo(ModelCatalog.Status.READY);
    assertThat(catalog.find("altered").orElseThrow())
        .satisfies(e -> assertThat(e.status()).isEqualTo(ModelCatalog.Status.CHECKSUM_MISMATCH))
        .satisfies(e -> assertThat(e.detail()).contains("model.onnx"));
    assertThat(catalog.find("missing-file").orElseThrow())
        .satisfies(e -> assertThat(e.status()).isEqualTo(ModelCatalog.Status.MISSING_FILE))
        .satisfies(e -> assertThat(e.detail()).contains("missing file model.onnx"));
    assertThat(catalog.find("wrong-engine").orElseThrow())
        .satisfies(e -> assertThat(e.status()).isEqualTo(ModelCatalog.Status.UNSUPPORTED_ENGINE))
        .satisfies(e -> assertThat(e.detail()).contains("OnnxRuntime").contains("TensorFlow"));
    assertThat(catalog.find("bad-json").orElseThrow().status())
        .isEqualTo(ModelCatalog.Status.INVALID_DESCRIPTOR);
    assertThat(catalog.find("no-classes").orElseThrow().detail()).contains("output.classes");
    assertThatThrownBy(() -> ImageModelRunner.open(catalog.find("altered").orElseThrow()))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("altered");
  }

  @Test
  void reportsApplicabilityByModalityAndBodyPart() throws IOException, Exception {
    install(
        models,
        "chest-ct",
        "image-segmentation",
        OnnxGraphs.sigmoidSegmenter(4, 0.5f),
        "{\"modality\": [\"CT\"], \"bodyPart\": \"CHEST\", \"width\": 4, \"height\": 4}",
        "{\"classes\": [{\"index\": 1, \"label\": \"x\"}]}");
    ModelCatalog catalog = ModelCatalog.scan(models);
    ImageDescription image = grey16(16);
    assertThat(catalog.applicableTo(info("CT", "CHEST", image))).hasSize(1);
    assertThat(catalog.applicableTo(info("CT", "", image))).hasSize(1);
    assertThat(catalog.applicableTo(info("MR", "CHEST", image))).isEmpty();
    ModelCatalog.Applicability head =
        catalog.find("chest-ct").orElseThrow().applicability(info("CT", "HEAD", image));
    assertThat(head.applicable()).isFalse();
    assertThat(head.reason()).contains("CT CHEST").contains("HEAD");
  }

  @Test
  void runsATorchScriptModelThroughThePyTorchEngine() throws Exception {
    byte[] pt =
        TorchScriptArchive.write(
            "torch.softmax(torch.mul(torch.mean(x, [2, 3]), torch.tensor([2.0, 0.0, -2.0])), 1)");
    Path dir = Files.createDirectories(models.resolve("tiny-torchscript"));
    Files.write(dir.resolve("model.pt"), pt);
    Files.writeString(
        dir.resolve("model.json"),
        """
        {"name": "tiny-torchscript", "version": "1.0.0", "task": "image-classification",
         "engine": "PyTorch", "files": [{"path": "model.pt", "sha256": "%s", "bytes": %d}],
         "input": {"width": 8, "height": 8, "channels": 3, "normalisation": {"type": "min-max"},
                   "resize": "area"},
         "output": {"activation": "none", "labels": ["a", "b", "c"]}}
        """
            .formatted(sha256(pt), pt.length));
    ModelCatalog.Entry entry = ModelCatalog.scan(models).find("tiny-torchscript").orElseThrow();
    assertThat(entry.status()).as(entry.detail()).isEqualTo(ModelCatalog.Status.READY);
    try (ImageModelRunner runner = ImageModelRunner.open(entry)) {
      ImageAnalysis a = runner.analyze(info("CT", "", grey16(16)), grey16(16), halves());
      // mean 0.5 in each of the 3 (grey) channels → logits (1, 0, -1)
      double z = Math.exp(1) + 1 + Math.exp(-1);
      assertThat(a.probability("a").orElseThrow()).isCloseTo(Math.exp(1) / z, offset(1e-5));
      assertThat(a.probability("b").orElseThrow()).isCloseTo(1 / z, offset(1e-5));
      assertThat(a.probability("c").orElseThrow()).isCloseTo(Math.exp(-1) / z, offset(1e-5));
    }
  }

  @Test
  void segmentsWithATorchScriptArgMax() throws Exception {
    // channel 0 = -x, channel 1 = x - 1: label 1 where x > 0.5
    byte[] pt =
        TorchScriptArchive.write(
            "torch.argmax(torch.cat([torch.neg(x), torch.sub(x, 1.0)], 1), 1, True)");
    Path dir = Files.createDirectories(models.resolve("tiny-torchscript-seg"));
    Files.write(dir.resolve("model.pt"), pt);
    Files.writeString(
        dir.resolve("model.json"),
        """
        {"name": "tiny-torchscript-seg", "version": "1.0.0", "task": "image-segmentation",
         "engine": "PyTorch", "files": [{"path": "model.pt", "sha256": "%s", "bytes": %d}],
         "input": {"width": 8, "height": 8, "normalisation": {"type": "min-max"},
                   "resize": "nearest"},
         "output": {"classes": [{"index": 1, "label": "bright"}]}}
        """
            .formatted(sha256(pt), pt.length));
    try (ImageModelRunner runner =
        ImageModelRunner.open(
            ModelCatalog.scan(models).find("tiny-torchscript-seg").orElseThrow())) {
      int[] labels =
          runner.analyze(info("CT", "", grey16(16)), grey16(16), ramp()).labelMap().orElseThrow();
      for (int i = 0; i < 256; i++) {
        assertThat(labels[i]).as("pixel %d", i).isEqualTo(i % 16 >= 8 ? 1 : 0);
      }
    }
  }
}
