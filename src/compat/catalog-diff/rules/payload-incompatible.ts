import { whenChecked } from "../../mode-severity.js";
import { schemaChange } from "../schema-change.js";
import { defineRule } from "../types.js";

export const payloadIncompatible = defineRule({
  id: "payload-incompatible",
  kind: "message",
  description:
    "The payload schema changed incompatibly under the message's mode (`x-eventline-compatibility` of the message, else of the document, else BACKWARD).",
  severity: whenChecked("error"),
  hint: "Messages valid under one version are rejected by the other: BACKWARD = the new schema must read what the old one wrote, FORWARD = the old must read the new, FULL = both. Make the change compatible (optional fields, widened types), or publish a new major (`x-eventline-version`) and keep the old one until its consumers moved.",
  check: (pair, cx) => schemaChange(pair, cx, "payload"),
});
