package io.keywarden.storage.codec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.secret.SecretReplication;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code replication} part of a stored secret: {@code {primaryRegion, replicas: [{region,
 * kmsKeyId?, status, statusMessage?, lastAccessedDate?}]}}; absent when the secret was never
 * replicated.
 */
final class SecretReplicationJson {
  private SecretReplicationJson() {}

  static void put(ObjectNode doc, String name, SecretReplication r) {
    if (r == null) {
      return;
    }
    ObjectNode n = doc.putObject(name);
    n.put("primaryRegion", r.primaryRegion());
    ArrayNode replicas = n.putArray("replicas");
    for (SecretReplication.Replica replica : r.replicas()) {
      ObjectNode o = replicas.addObject();
      o.put("region", replica.region());
      if (replica.kmsKeyId() != null) {
        o.put("kmsKeyId", replica.kmsKeyId());
      }
      o.put("status", replica.status());
      if (replica.statusMessage() != null) {
        o.put("statusMessage", replica.statusMessage());
      }
      if (replica.lastAccessedDate() != null) {
        o.put("lastAccessedDate", StoredInstants.toText(replica.lastAccessedDate()));
      }
    }
  }

  static SecretReplication get(Fields doc, String name) {
    if (!doc.has(name)) {
      return null;
    }
    Fields f = doc.object(name);
    List<SecretReplication.Replica> replicas = new ArrayList<>();
    for (Fields o : f.array("replicas")) {
      replicas.add(new SecretReplication.Replica(o.text("region"), o.optionalText("kmsKeyId"),
          o.text("status"), o.optionalText("statusMessage"), o.optionalInstant("lastAccessedDate")));
    }
    return new SecretReplication(f.text("primaryRegion"), replicas);
  }
}
