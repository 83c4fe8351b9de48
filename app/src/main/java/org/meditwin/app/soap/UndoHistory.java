package org.meditwin.app.soap;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * Snapshot undo/redo: callers push the state before a change; undo hands back the previous state
 * and remembers the current one for redo. A new change clears the redo stack. Bounded.
 */
final class UndoHistory<T> {
  private final int limit;
  private final Deque<T> undo = new ArrayDeque<>();
  private final Deque<T> redo = new ArrayDeque<>();
  private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(false);

  UndoHistory(int limit) {
    this.limit = limit;
  }

  /** Records {@code before}, the state a new change starts from. */
  void push(T before) {
    if (!undo.isEmpty() && undo.peek().equals(before)) {
      return;
    }
    undo.push(before);
    while (undo.size() > limit) {
      undo.removeLast();
    }
    redo.clear();
    update();
  }

  Optional<T> undo(T current) {
    if (undo.isEmpty()) {
      return Optional.empty();
    }
    redo.push(current);
    T previous = undo.pop();
    update();
    return Optional.of(previous);
  }

  Optional<T> redo(T current) {
    if (redo.isEmpty()) {
      return Optional.empty();
    }
    undo.push(current);
    T next = redo.pop();
    update();
    return Optional.of(next);
  }

  void clear() {
    undo.clear();
    redo.clear();
    update();
  }

  ReadOnlyBooleanProperty canUndoProperty() {
    return canUndo.getReadOnlyProperty();
  }

  ReadOnlyBooleanProperty canRedoProperty() {
    return canRedo.getReadOnlyProperty();
  }

  private void update() {
    canUndo.set(!undo.isEmpty());
    canRedo.set(!redo.isEmpty());
  }
}
