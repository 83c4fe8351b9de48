/**
 * MediTwin core: domain records ({@link org.meditwin.core.domain}), the service contracts that the
 * workstation implements ({@link org.meditwin.core.service}), background tasks ({@link
 * org.meditwin.core.task}) and the error hierarchy. No third-party dependencies.
 */
package org.meditwin.core;
