/**
 * The {@code keywarden} command and the wiring of every layer: storage and root of trust chosen by the
 * mode (dev or production), services built over them, the protocol server in front, background jobs
 * scheduled. The one place where all modules meet.
 */
package io.keywarden.server;
