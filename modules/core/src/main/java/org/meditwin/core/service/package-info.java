/**
 * Contracts of the workstation's services. The embedded implementation lives in {@code
 * modules/store} ({@code org.meditwin.store.EmbeddedWorkstation}); the UI and CLI depend only on
 * these interfaces.
 *
 * <p>Entry point: {@link org.meditwin.core.service.Workstation} (one per data directory) → {@link
 * org.meditwin.core.service.Workstation#login} → {@link org.meditwin.core.service.UserSession},
 * through which every PHI read and write goes (and is audited).
 */
package org.meditwin.core.service;
