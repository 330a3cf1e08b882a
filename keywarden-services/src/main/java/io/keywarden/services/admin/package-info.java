/**
 * Keywarden's own endpoints beyond AWS's APIs ({@code /_keywarden/...}): health and seal status,
 * unseal, and the dev-mode reset. The protocol layer routes to {@link
 * io.keywarden.services.admin.AdminControl}.
 */
package io.keywarden.services.admin;
