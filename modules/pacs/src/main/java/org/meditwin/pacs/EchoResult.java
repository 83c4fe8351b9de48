package org.meditwin.pacs;

import java.time.Duration;

/** A successful C-ECHO: the time from connecting to the echo response. */
public record EchoResult(Duration roundTrip) {}
