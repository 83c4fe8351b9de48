package org.meditwin.chat;

import org.meditwin.testsupport.ArchitectureRules;

class ChatArchitectureTest extends ArchitectureRules {
  @Override
  protected String rootPackage() {
    return "org.meditwin.chat";
  }
}
