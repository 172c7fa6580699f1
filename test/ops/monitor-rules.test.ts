import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runCli } from "../cli/run-cli.js";
import { SHOP, type ShopCatalog, shopCatalog } from "../kafka/ops/shop-catalog.js";

// `eventline monitor rules` on a catalog whose receive operation declares an SLO. The rules file is
// checked by Prometheus's own promtool when the machine has it (Debian: apt-get install prometheus),
// including a rule unit test that makes the lag alert fire; otherwise its YAML shape is checked.

const promtool = spawnSync("sh", ["-c", "command -v promtool"]).status === 0;
const SLO = "    x-eventline-slo:\n      maxLag: 50\n      processingP99Ms: 250\n      for: 10m\n";

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

describe("eventline monitor rules", () => {
  let catalog: ShopCatalog;
  let plain: ShopCatalog;
  let rulesFile = "";
  let rules: Rule[] = [];
  beforeAll(async () => {
    catalog = shopCatalog({ slo: SLO });
    plain = shopCatalog();
    rulesFile = join(mkdtempSync(join(tmpdir(), "eventline-rules-")), "eventline.rules.yaml");
    const r = await runCli(["monitor", "rules", "--root", catalog.root, "--out", rulesFile], catalog.root);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const file = parse(readFileSync(rulesFile, "utf8")) as { groups: { name: string; rules: Rule[] }[] };
    rules = file.groups.flatMap((g) => g.rules);
  });
  afterAll(() => {
    catalog.remove();
    plain.remove();
  });

  it("takes the thresholds from x-eventline-slo", () => {
    expect(rules.map((r) => r.alert)).toEqual([
      "EventlineConsumerLag",
      "EventlineProcessingTime",
      "EventlineDeadLetters",
      "EventlineDeadLettering",
    ]);
    const [lag, p99, depth, lettering] = rules as [Rule, Rule, Rule, Rule];
    expect(lag.expr).toBe(
      `sum(kafka_consumergroup_lag{consumergroup="${SHOP.group}", topic="${SHOP.topic}"}) > 50`,
    );
    expect(lag.for).toBe("10m");
    expect(lag.labels).toEqual({ severity: "warning", consumer_group: SHOP.group, topic: SHOP.topic });
    expect(p99.expr).toBe(
      `histogram_quantile(0.99, sum by (le) (rate(messaging_process_duration_bucket{messaging_consumer_group_name="${SHOP.group}", messaging_destination_name="${SHOP.topic}"}[5m]))) > 0.25`,
    );
    expect(depth.expr).toBe(
      `sum(kafka_topic_partition_current_offset{topic="${SHOP.deadLetter}"}) - sum(kafka_topic_partition_oldest_offset{topic="${SHOP.deadLetter}"}) > 0`,
    );
    expect(depth.annotations.description).toContain(`eventline dlq redrive ${SHOP.deadLetter}`);
    expect(lettering.expr).toContain("increase(eventline_messages_dead_lettered_total{");
  });

  it("uses the defaults without an SLO, and the prefix on every topic", async () => {
    const r = await runCli(
      ["monitor", "rules", "--root", plain.root, "--prefix", "dev.", "--window", "2m"],
      plain.root,
    );
    expect(r.code).toBe(0);
    const text = r.stdout;
    expect(text).toContain(`topic="dev.${SHOP.topic}"}) > 1000`);
    expect(text).toContain("[2m]))) > 1\n");
    expect(text).toContain("for: 5m");
  });

  it("refuses a window that is not a duration (exit 2)", async () => {
    const r = await runCli(["monitor", "rules", "--root", plain.root, "--window", "five"], plain.root);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--window "five" is not a Prometheus duration');
  });

  it.runIf(promtool)("passes promtool check rules, and the lag alert fires in a promtool rule test", () => {
    const check = spawnSync("promtool", ["check", "rules", rulesFile], { encoding: "utf8" });
    expect(check.stdout + check.stderr).toContain("SUCCESS: 4 rules found");
    expect(check.status).toBe(0);
    const testFile = join(rulesFile, "..", "lag.test.yaml");
    writeFileSync(
      testFile,
      [
        "rule_files: [eventline.rules.yaml]",
        "evaluation_interval: 1m",
        "tests:",
        "  - interval: 1m",
        "    input_series:",
        `      - series: 'kafka_consumergroup_lag{consumergroup="${SHOP.group}", topic="${SHOP.topic}", partition="0"}'`,
        "        values: '80x20'",
        "    alert_rule_test:",
        "      - eval_time: 5m",
        "        alertname: EventlineConsumerLag",
        "        exp_alerts: []",
        "      - eval_time: 15m",
        "        alertname: EventlineConsumerLag",
        "        exp_alerts:",
        "          - exp_labels: { severity: warning, consumer_group: " +
          SHOP.group +
          ", topic: " +
          SHOP.topic +
          " }",
        "            exp_annotations:",
        `              summary: ${SHOP.group} is more than 50 messages behind on ${SHOP.topic}`,
        `              description: "Lag of consumer group ${SHOP.group} on ${SHOP.topic} (80 messages) has been above 50 for 10m (shop/receiveOrderPlaced). Check \`eventline monitor --group ${SHOP.group}\`."`,
        "",
      ].join("\n"),
    );
    const test = spawnSync("promtool", ["test", "rules", testFile], { encoding: "utf8" });
    expect(test.stdout + test.stderr).toContain("SUCCESS");
    expect(test.status).toBe(0);
  });

  it.runIf(!promtool)("has the shape of a Prometheus rules file (promtool is not installed)", () => {
    for (const rule of rules) {
      expect(rule.alert).toMatch(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/);
      expect(typeof rule.expr).toBe("string");
      if (rule.for !== undefined) expect(rule.for).toMatch(/^\d+[smhdwy]$/);
      expect(Object.keys(rule.annotations).sort()).toEqual(["description", "summary"]);
    }
  });
});
