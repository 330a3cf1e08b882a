package io.keywarden.services.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Work a service did on its own, not at a caller's request (a key deleted at the end of its deletion
 * window, a key rotated on schedule), to be recorded as a CloudTrail {@code AwsServiceEvent}.
 *
 * @param signingName the service, e.g. {@code kms} (the record's {@code eventSource} is {@code
 *     kms.amazonaws.com})
 * @param eventName as AWS names the event, e.g. {@code DeleteKey}, {@code RotateKey}
 * @param region the region of the resource
 * @param accountId the account the event belongs to (the resource owner)
 * @param resources the resources it changed
 * @param responseElements the record's {@code responseElements} ({@code null} for none)
 * @param serviceEventDetails the record's {@code serviceEventDetails} ({@code null} for none)
 */
public record ServiceEvent(
    String signingName,
    String eventName,
    String region,
    String accountId,
    List<AuditResource> resources,
    Map<String, String> responseElements,
    Map<String, String> serviceEventDetails) {
  public ServiceEvent {
    Objects.requireNonNull(signingName, "signingName");
    Objects.requireNonNull(eventName, "eventName");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(accountId, "accountId");
    resources = List.copyOf(resources);
    responseElements = responseElements == null ? null : Map.copyOf(responseElements);
    serviceEventDetails = serviceEventDetails == null ? null : Map.copyOf(serviceEventDetails);
  }
}
