package org.meditwin.app.soap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UndoHistoryTest {
  @Test
  void undoesAndRedoesInOrderAndANewChangeClearsRedo() {
    UndoHistory<String> h = new UndoHistory<>(10);
    h.push("a");
    h.push("b");
    assertThat(h.undo("c")).contains("b");
    assertThat(h.undo("b")).contains("a");
    assertThat(h.undo("a")).isEmpty();
    assertThat(h.redo("a")).contains("b");
    assertThat(h.canRedoProperty().get()).isTrue();
    h.push("b");
    assertThat(h.canRedoProperty().get()).isFalse();
  }

  @Test
  void isBoundedAndSkipsDuplicateSnapshots() {
    UndoHistory<Integer> h = new UndoHistory<>(3);
    for (int i = 0; i < 10; i++) {
      h.push(i);
      h.push(i);
    }
    int steps = 0;
    while (h.undo(99).isPresent()) {
      steps++;
    }
    assertThat(steps).isEqualTo(3);
  }
}
