package io.keywarden.services.kms;

import static io.keywarden.services.api.JsonInput.integer;
import static io.keywarden.services.api.JsonInput.string;
import static io.keywarden.services.api.JsonInput.stringList;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.key.Tag;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.api.JsonOutput;
import io.keywarden.services.api.OperationTable;
import io.keywarden.services.kms.KeyStateRules.Use;
import java.util.List;

/** TagResource, UntagResource, ListResourceTags. */
final class TagOperations {
  private final KmsCore core;

  TagOperations(KmsCore core) {
    this.core = core;
  }

  void register(OperationTable table) {
    table
        .blocking("TagResource", this::tagResource)
        .blocking("UntagResource", this::untagResource)
        .blocking("ListResourceTags", this::listResourceTags);
  }

  ObjectNode tagResource(CallContext ctx, ObjectNode in) {
    List<Tag> added = KeyLifecycleOperations.tags(in);
    LoadedKey key =
        core.resolve(
            ctx, string(in, "KeyId"), false, KeyAccess.to("TagResource").requestTags(added));
    TagRules.checkRequest(added);
    core.keys.update(
        key.record().region(),
        key.record().keyId(),
        current -> {
          KeyStateRules.check(current, Use.MANAGE);
          return current.toBuilder().tags(TagRules.merge(current.tags(), added)).build();
        });
    return JsonOutput.object();
  }

  ObjectNode untagResource(CallContext ctx, ObjectNode in) {
    List<String> keys = stringList(in, "TagKeys");
    LoadedKey key =
        core.resolve(
            ctx, string(in, "KeyId"), false, KeyAccess.to("UntagResource").putAll("aws:TagKeys", keys));
    keys.forEach(TagRules::checkKey);
    core.keys.update(
        key.record().region(),
        key.record().keyId(),
        current -> {
          KeyStateRules.check(current, Use.MANAGE);
          return current.toBuilder().tags(TagRules.without(current.tags(), keys)).build();
        });
    return JsonOutput.object();
  }

  ObjectNode listResourceTags(CallContext ctx, ObjectNode in) {
    LoadedKey key = core.resolve(ctx, string(in, "KeyId"), false, "ListResourceTags");
    int limit = Paging.limit(integer(in, "Limit"), 50, 50);
    // Tags are listed in the order they were added (as AWS lists them); the marker names the last
    // tag key returned.
    Paging.Page<Tag> page =
        Paging.afterElement(key.record().tags(), Tag::key, "tags", string(in, "Marker"), limit);
    ObjectNode out = JsonOutput.object();
    ArrayNode tags = out.putArray("Tags");
    for (Tag t : page.items()) {
      tags.addObject().put("TagKey", t.key()).put("TagValue", t.value());
    }
    boolean truncated = page.truncated();
    if (truncated) {
      out.put("NextMarker", page.nextMarker());
    }
    out.put("Truncated", truncated);
    return out;
  }
}
