package org.meditwin.pacs.dimse;

/** Human-readable DIMSE status codes (PS3.7 Annex C), without PHI. */
final class Status {
  private Status() {}

  static String describe(int status) {
    String hex = String.format("0x%04X", status);
    String text =
        switch (status) {
          case 0x0000 -> "success";
          case 0xFE00 -> "cancelled";
          case 0x0122 -> "SOP class not supported";
          case 0x0124 -> "not authorised";
          case 0x0211 -> "unrecognised operation";
          case 0xA801 -> "move destination unknown to the PACS";
          case 0xA900 -> "identifier does not match the SOP class";
          case 0xB000 -> "some sub-operations failed";
          default -> {
            if ((status & 0xFF00) == 0xA700) {
              yield "out of resources";
            } else if ((status & 0xF000) == 0xC000) {
              yield "unable to process";
            } else if ((status & 0xF000) == 0xA000) {
              yield "refused";
            } else if ((status & 0xF000) == 0xB000) {
              yield "warning";
            } else {
              yield "failure";
            }
          }
        };
    return text + " (status " + hex + ")";
  }
}
