package org.meditwin.chatlog;

import org.meditwin.testsupport.ArchitectureRules;

class ChatlogArchitectureTest extends ArchitectureRules {
  @Override
  protected String rootPackage() {
    return "org.meditwin.chatlog";
  }
}
