package org.meditwin.app.login;

import javafx.scene.Node;
import javafx.scene.control.Label;

/** Labels tied to their field, so screen readers and mnemonics reach the field. */
final class FxFormLabels {
  private FxFormLabels() {}

  static Label label(String text, Node field) {
    Label l = new Label(text);
    l.setLabelFor(field);
    l.setMnemonicParsing(true);
    return l;
  }
}
