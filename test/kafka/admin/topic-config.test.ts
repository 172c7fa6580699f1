import { describe, expect, it } from "vitest";
import { sameConfigValue, topicConfigValue } from "../../../src/kafka/admin/topic-config.js";

describe("topicConfigValue", () => {
  it.each([
    ["cleanup.policy", ["delete"], "delete"],
    ["cleanup.policy", ["compact", "delete", "compact"], "compact,delete"],
    ["cleanup.policy", "compact, delete", "compact,delete"],
    ["retention.ms", 604800000, "604800000"],
    ["retention.bytes", -1, "-1"],
    ["max.message.bytes", 1048588, "1048588"],
    ["delete.retention.ms", 0, "0"],
    ["min.insync.replicas", 2, "2"],
    ["compression.type", "zstd", "zstd"],
    ["unclean.leader.election.enable", false, "false"],
  ])("%s %j → %s", (name, value, expected) => {
    expect(topicConfigValue(name, value)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["cleanup.policy", []],
    ["cleanup.policy", [1]],
    ["cleanup.policy", ["remove"]],
    ["retention.ms", "604800000"],
    ["retention.ms", -2],
    ["retention.bytes", 1.5],
    ["segment.ms", { value: 1 }],
    ["segment.ms", null],
  ])("refuses %s %j", (name, value) => {
    expect(topicConfigValue(name, value)).toMatchObject({ ok: false });
  });

  it("leaves confluent.* settings out with the reason", () => {
    expect(topicConfigValue("confluent.key.schema.validation", true)).toEqual({
      ignored: expect.stringContaining("Confluent Server"),
    });
  });
});

describe("sameConfigValue", () => {
  it("ignores the order of cleanup policies only", () => {
    expect(sameConfigValue("cleanup.policy", "compact,delete", "delete, compact")).toBe(true);
    expect(sameConfigValue("cleanup.policy", "compact", "delete")).toBe(false);
    expect(sameConfigValue("retention.ms", "1000", "1000")).toBe(true);
    expect(sameConfigValue("compression.type", "a,b", "b,a")).toBe(false);
  });
});
