import { describe, expect, it } from "vitest";
import {
  formatApplyJson,
  formatApplyText,
  formatLagJson,
  formatLagText,
} from "../../src/cli/kafka-format.js";
import type { ApplyReport, IgnoredSetting, LagReport } from "../../src/kafka/admin/types.js";

const ignored: IgnoredSetting[] = [
  {
    topic: "a",
    name: "confluent.value.schema.validation",
    reason: "a Confluent Server setting",
    at: { channelId: "s/c", file: "asyncapi/s.yaml", line: 12, column: 3 },
  },
];

describe("formatApplyText", () => {
  it("labels a dry run, notes ignored settings and counts each kind", () => {
    const report: ApplyReport = {
      dryRun: true,
      needsHuman: true,
      actions: [
        { topic: "a", action: "created", applied: false, detail: "1 partition(s)" },
        { topic: "bb", action: "config-updated", applied: false, detail: "retention.ms: 1 → 2" },
        { topic: "bb", action: "needs-human", applied: false, detail: "replication factor is 1" },
      ],
    };
    expect(formatApplyText(report, ignored)).toBe(
      [
        "Dry run: nothing was changed.",
        "",
        "TOPIC  ACTION               DETAIL",
        "a      would create         1 partition(s)",
        "bb     would update config  retention.ms: 1 → 2",
        "bb     needs a human        replication factor is 1",
        "note: a: confluent.value.schema.validation left out (a Confluent Server setting); declared at asyncapi/s.yaml:12",
        "",
        "1 would create, 1 would update config, 1 needs a human.",
        "",
      ].join("\n"),
    );
  });

  it("says when there is nothing to do", () => {
    expect(formatApplyText({ dryRun: false, needsHuman: false, actions: [] })).toBe(
      "The catalog declares no Kafka topics: nothing to do.\n",
    );
  });

  it("prints the report and the ignored settings as one JSON object", () => {
    const report: ApplyReport = { dryRun: false, needsHuman: false, actions: [] };
    expect(JSON.parse(formatApplyJson(report, ignored))).toEqual({ ...report, ignored });
  });
});

describe("formatLagText", () => {
  const report: LagReport = {
    groups: [
      {
        groupId: "g",
        state: "Stable",
        members: 1,
        lag: 3,
        topics: [
          {
            topic: "t",
            exists: true,
            lag: 3,
            partitions: [{ partition: 0, committed: 2, start: 0, end: 5, lag: 3 }],
          },
          { topic: "gone", exists: false, lag: 0, partitions: [] },
        ],
      },
      { groupId: "idle", state: "Dead", members: 0, lag: 0, topics: [] },
    ],
    deadLetters: [
      { topic: "dlq", exists: true, depth: 4, partitions: [{ partition: 0, start: 1, end: 5, depth: 4 }] },
      { topic: "no-dlq", exists: false, depth: 0, partitions: [] },
    ],
  };

  it("prints a row per partition, missing topics, idle groups, totals and dead-letter depth", () => {
    expect(formatLagText(report)).toBe(
      [
        "GROUP  STATE   TOPIC        PARTITION  COMMITTED  END  LAG",
        "g      Stable  t            0          2          5    3",
        "g      Stable  gone         (missing)",
        "idle   Dead    (no topics)",
        "",
        "g: total lag 3",
        "idle: total lag 0",
        "",
        "DEAD-LETTER TOPIC  PARTITIONS  DEPTH",
        "dlq                1           4",
        "no-dlq             (missing)   0",
        "",
      ].join("\n"),
    );
  });

  it("says when there is no group", () => {
    expect(formatLagText({ groups: [], deadLetters: [] })).toBe("No consumer groups to report.\n");
  });

  it("puts the brokers first in JSON", () => {
    expect(Object.keys(JSON.parse(formatLagJson(report, ["b:1"])))).toEqual([
      "brokers",
      "groups",
      "deadLetters",
    ]);
  });
});
