import { whenChecked } from "../../mode-severity.js";
import { show, useLabel } from "../describe.js";
import { defineRule } from "../types.js";

export const schemaFormatChanged = defineRule({
  id: "schema-format-changed",
  kind: "message",
  description: "The `schemaFormat` of a message's payload changed (e.g. JSON Schema to Avro).",
  severity: whenChecked("error"),
  hint: "A different schema language usually means a different wire format and different generated code; the two versions cannot be compared, so the change is treated as breaking. Introduce the new format as a new message version and migrate consumers.",
  check(pair) {
    const { old, new: next } = pair;
    if (!old || !next) return [];
    const before = old.message.payload?.schemaFormat;
    const after = next.message.payload?.schemaFormat;
    if (before === after) return [];
    return [
      {
        message: `schemaFormat of ${useLabel(next)} changed from ${show(before)} to ${show(after)}`,
        source: next.message.payload?.source ?? next.message.source,
        key: next.address,
        affects: [{ address: next.address, messageName: next.message.name }],
      },
    ];
  },
});
