/**
 * Storage backends behind the domain's storage SPI ({@link io.keywarden.domain.storage}): {@code
 * memory} (dev mode), {@code sqlite} (the embedded default), and {@code codec}, the backend-neutral
 * stored format they share. Only the services' wiring (the server) picks a backend; services and domain
 * code see the SPI only and must never import these packages.
 */
package io.keywarden.storage;
