package io.keywarden.services.api;

/**
 * Where services record the work they do on their own ({@link ServiceEvent}). Implemented over the
 * audit log by {@code io.keywarden.services.audit.AuditTrail}.
 */
@FunctionalInterface
public interface ServiceEvents {

  /** Records nothing: for tests of a service alone, never for a server. */
  ServiceEvents UNRECORDED = event -> {};

  /**
   * Records {@code event} and returns once it is durable.
   *
   * @throws io.keywarden.domain.audit.AuditUnavailableException if it could not be made durable
   */
  void record(ServiceEvent event);
}
