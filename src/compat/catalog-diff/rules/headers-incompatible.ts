import { whenChecked } from "../../mode-severity.js";
import { schemaChange } from "../schema-change.js";
import { defineRule } from "../types.js";

export const headersIncompatible = defineRule({
  id: "headers-incompatible",
  kind: "message",
  description:
    "The headers schema changed incompatibly under the message's mode (same engine and modes as payloads).",
  severity: whenChecked("error"),
  hint: "Consumers validate headers (the CloudEvents envelope) before the payload: a header the reader now requires, or a narrowed one, rejects messages. Keep new headers optional and widen rather than narrow, or publish a new major.",
  check: (pair, cx) => schemaChange(pair, cx, "headers"),
});
