package org.meditwin.inference.train;

import java.util.List;

/**
 * Accuracy, per-class precision/recall/F1, macro-F1 and the confusion matrix (rows = gold, columns
 * = predicted).
 */
public record ClassificationMetrics(
    List<String> labels,
    int[][] confusion,
    double accuracy,
    double macroF1,
    double[] precision,
    double[] recall,
    double[] f1,
    int[] support) {

  public static ClassificationMetrics of(List<String> labels, int[] gold, int[] predicted) {
    int c = labels.size();
    int[][] m = new int[c][c];
    int correct = 0;
    for (int i = 0; i < gold.length; i++) {
      m[gold[i]][predicted[i]]++;
      if (gold[i] == predicted[i]) {
        correct++;
      }
    }
    double[] p = new double[c];
    double[] r = new double[c];
    double[] f = new double[c];
    int[] support = new int[c];
    double sum = 0;
    for (int k = 0; k < c; k++) {
      int tp = m[k][k];
      int colSum = 0;
      int rowSum = 0;
      for (int j = 0; j < c; j++) {
        colSum += m[j][k];
        rowSum += m[k][j];
      }
      support[k] = rowSum;
      p[k] = colSum == 0 ? 0 : (double) tp / colSum;
      r[k] = rowSum == 0 ? 0 : (double) tp / rowSum;
      f[k] = p[k] + r[k] == 0 ? 0 : 2 * p[k] * r[k] / (p[k] + r[k]);
      sum += f[k];
    }
    double acc = gold.length == 0 ? 0 : (double) correct / gold.length;
    return new ClassificationMetrics(List.copyOf(labels), m, acc, sum / c, p, r, f, support);
  }

  /** The confusion matrix and per-class scores as a Markdown table. */
  public String toMarkdown() {
    StringBuilder sb = new StringBuilder();
    sb.append("| gold \\ predicted |");
    for (String l : labels) {
      sb.append(' ').append(l).append(" |");
    }
    sb.append(" support | precision | recall | F1 |\n|---|");
    sb.append("---|".repeat(labels.size() + 4)).append('\n');
    for (int i = 0; i < labels.size(); i++) {
      sb.append("| ").append(labels.get(i)).append(" |");
      for (int j = 0; j < labels.size(); j++) {
        sb.append(' ').append(confusion[i][j]).append(" |");
      }
      sb.append(
          String.format(
              " %d | %.3f | %.3f | %.3f |%n", support[i], precision[i], recall[i], f1[i]));
    }
    return sb.toString();
  }
}
