import { whenChecked } from "../../mode-severity.js";
import { show, useLabel } from "../describe.js";
import { defineRule } from "../types.js";

export const contentTypeChanged = defineRule({
  id: "content-type-changed",
  kind: "message",
  description:
    "The content type of a message changed (the message's `contentType`, else the document's `defaultContentType`).",
  severity: whenChecked("error"),
  hint: "Consumers deserialise by content type: bytes in the new encoding cannot be read by the old deserialiser. Publish the new encoding as a new message (or channel) and migrate consumers first.",
  check(pair) {
    const { old, new: next } = pair;
    if (!old || !next || old.message.contentType === next.message.contentType) return [];
    return [
      {
        message: `content type of ${useLabel(next)} changed from ${show(old.message.contentType)} to ${show(next.message.contentType)}`,
        source: next.message.source,
        key: next.address,
        affects: [{ address: next.address, messageName: next.message.name }],
      },
    ];
  },
});
