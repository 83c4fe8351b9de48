/** Background work with progress, kept out of the logic (UI and same-thread executors). */
package org.meditwin.core.task;
