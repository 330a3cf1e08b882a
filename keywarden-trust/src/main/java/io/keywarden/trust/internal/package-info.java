/**
 * Building blocks shared by the root-of-trust implementations of this module: the AES-256 key holder
 * ({@link io.keywarden.trust.internal.AesKey}), AES-256-GCM with a per-thread {@code Cipher}
 * ({@link io.keywarden.trust.internal.AesGcm}) and the thread-safe unsealed state with its wrap format
 * ({@link io.keywarden.trust.internal.RootKeyHolder}).
 *
 * <p>Internal to {@code keywarden-trust}: nothing outside this module may import it.
 */
package io.keywarden.trust.internal;
