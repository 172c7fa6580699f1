import { whenChecked } from "../../mode-severity.js";
import { channelLabel, show } from "../describe.js";
import { defineRule } from "../types.js";

export const orderingChanged = defineRule({
  id: "ordering-changed",
  kind: "channel",
  description: "The channel's `x-eventline-ordering` guarantee changed.",
  severity: whenChecked("error"),
  hint: "Consumers written for per-key order (state machines, upserts) go wrong when the guarantee is dropped. Keep `per-key`; to relax it, first make every consumer tolerate reordering (the property tests check this). Strengthening to `per-key` is reported as info.",
  check(pair) {
    const { old, new: next } = pair;
    if (!old || !next) return [];
    const before = old.ordering;
    const after = next.ordering;
    if (JSON.stringify(before) === JSON.stringify(after)) return [];
    const weakened = before === "per-key";
    return [
      {
        message: `x-eventline-ordering of ${channelLabel(next)} changed from ${show(before)} to ${show(after)}`,
        source: next.source,
        ...(weakened
          ? {}
          : { severity: after === "per-key" ? ("info" as const) : ("warn" as const), breaking: false }),
      },
    ];
  },
});
