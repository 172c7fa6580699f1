import { whenChecked } from "../../mode-severity.js";
import { majorBumped } from "../schema-change.js";
import { defineRule } from "../types.js";

export const versionNotBumped = defineRule({
  id: "version-not-bumped",
  kind: "message",
  description:
    "A breaking payload change without a higher `x-eventline-version` major (error, advice on the `payload-incompatible` finding of the same message, which is the break and is counted once); with a bump, info listing the consumers still on the old major.",
  severity: whenChecked("error"),
  hint: "A breaking change needs a new major so that consumers, generated code and the catalog can tell the versions apart. Bump `x-eventline-version`, publish the new major alongside the old one (new message or topic), and retire the old major once its consumers moved.",
  check(pair, cx) {
    const { old, new: next } = pair;
    if (!old || !next || cx.schemaFindings({ old, new: next }, "payload").length === 0) return [];
    if (!majorBumped(old, next)) {
      return [
        {
          message:
            `payload of message "${next.message.name}" on ${next.address} changed incompatibly but x-eventline-version stayed ${next.message.major ?? "unset"}` +
            ` (see its payload-incompatible finding; bump the major to ${(next.message.major ?? 0) + 1} to publish the change as a new version)`,
          source: next.message.source,
          key: next.address,
          // The break is the payload-incompatible finding; this is advice on it, so one broken
          // message counts as one breaking change.
          breaking: false,
        },
      ];
    }
    const major = next.message.major ?? 0;
    const behind = cx
      .consumersOf(next.address, next.message.name)
      .filter((c) => c.message.major === undefined || c.message.major < major)
      .map((c) => `${c.operation.serviceId}/${c.operation.key}`);
    return [
      {
        message:
          `message "${next.message.name}" on ${next.address} moved to major ${major}` +
          (behind.length
            ? `; consumers still on an older major: ${behind.join(", ")}`
            : "; no consumer is on an older major"),
        source: next.message.source,
        key: next.address,
        severity: "info",
        breaking: false,
      },
    ];
  },
});
