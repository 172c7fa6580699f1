import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isEventlineError } from "../../../src/errors.js";
import { planTopics } from "../../../src/kafka/admin/plan-topics.js";
import type { PlannedTopic } from "../../../src/kafka/admin/types.js";
import { type Catalog, loadCatalog } from "../../../src/model/index.js";
import { lineOf, type ServiceSpec, type TempCatalog, tempCatalog } from "./catalogs.js";

const REPO = resolve(import.meta.dirname, "../../..");

async function load(root: string): Promise<Catalog> {
  const { catalog } = await loadCatalog({
    root,
    configFile: false,
    config: { cache: { enabled: false }, limits: { timeoutMs: 300_000 } },
  });
  expect(catalog.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return catalog;
}

// The example platform takes seconds to parse without the cache: once for the file.
let platform: Promise<Catalog> | undefined;
const examplePlatform = () => {
  platform ??= load(REPO);
  return platform;
};

const temps: TempCatalog[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) t.remove();
});
async function catalogOf(services: ServiceSpec[]): Promise<{ root: string; catalog: Catalog }> {
  const temp = tempCatalog(services);
  temps.push(temp);
  return { root: temp.root, catalog: await load(temp.root) };
}

function planError(catalog: Catalog, options = {}): Error & { file?: string; line?: number } {
  try {
    planTopics(catalog, options);
  } catch (error) {
    expect(isEventlineError(error)).toBe(true);
    return error as Error;
  }
  throw new Error("planTopics did not throw");
}

describe("planTopics on the example platform", () => {
  it("plans every channel topic once, with the dead-letter topics, partitions, replicas and configs", async () => {
    const plan = planTopics(await examplePlatform());
    const byName = new Map(plan.topics.map((t) => [t.name, t]));
    expect(plan.topics.map((t) => t.name)).toEqual([...byName.keys()].sort());
    expect(plan.topics).toHaveLength(13);
    expect(plan.topics.filter((t) => t.deadLetter).map((t) => t.name)).toEqual([
      "inventory.dead-letter.v1",
      "notifications.dead-letter.v1",
      "orders.dead-letter.v1",
      "payments.dead-letter.v1",
      "shipping.dead-letter.v1",
    ]);
    expect(byName.get("orders.events.v1")).toMatchObject({
      partitions: 12,
      replicationFactor: 3,
      configs: { "cleanup.policy": "delete", "retention.ms": "604800000" },
      deadLetter: false,
    } satisfies Partial<PlannedTopic>);
    expect(byName.get("orders.dead-letter.v1")).toMatchObject({ partitions: 3, deadLetter: true });
    // Declared by its owner and by every service that reads it, each with its own line.
    const declared = byName.get("payments.events.v1")!.declaredBy;
    expect(declared.map((d) => d.file).sort()).toEqual([
      "asyncapi/notifications.yaml",
      "asyncapi/orders.yaml",
      "asyncapi/payments.yaml",
    ]);
    for (const d of declared) {
      const key = d.channelId.split("/")[1]!;
      expect(d.line).toBe(lineOf(readFileSync(join(REPO, d.file), "utf8"), `${key}:`));
    }
    expect(plan.ignored).toEqual([]);
  });

  it("prefixes topic names and overrides the replication factor on request", async () => {
    const plan = planTopics(await examplePlatform(), { topicPrefix: "dev-", replicationFactor: 1 });
    expect(plan.topics.every((t) => t.name.startsWith("dev-") && t.replicationFactor === 1)).toBe(true);
    expect(plan.topics.find((t) => t.name === "dev-orders.events.v1")?.partitions).toBe(12);
  });
});

describe("planTopics on small catalogs", () => {
  it("gives a dead-letter channel without a Kafka binding one partition", async () => {
    const { catalog } = await catalogOf([{ name: "alpha", topic: "a.events", partitions: 4, replicas: 1 }]);
    const plan = planTopics(catalog);
    expect(plan.topics.map((t) => [t.name, t.partitions, t.replicationFactor, t.deadLetter])).toEqual([
      ["a.events", 4, 1, false],
      ["alpha.dead-letter", 1, undefined, true],
    ]);
  });

  it("leaves partitions to the broker when no channel declares them", async () => {
    const { catalog } = await catalogOf([{ name: "alpha", topic: "a.events" }]);
    const topic = planTopics(catalog).topics.find((t) => t.name === "a.events")!;
    expect(topic.partitions).toBeUndefined();
    expect(topic.replicationFactor).toBeUndefined();
  });

  it("merges declarations that agree, and takes a setting only one of them gives", async () => {
    const { catalog } = await catalogOf([
      {
        name: "alpha",
        topic: "shared",
        partitions: 6,
        topicConfiguration: { "cleanup.policy": "[delete, compact]" },
      },
      {
        name: "beta",
        topic: "shared",
        partitions: 6,
        replicas: 2,
        topicConfiguration: { "cleanup.policy": "[compact, delete]" },
      },
    ]);
    const topic = planTopics(catalog).topics.find((t) => t.name === "shared")!;
    expect(topic).toMatchObject({
      partitions: 6,
      replicationFactor: 2,
      configs: { "cleanup.policy": "delete,compact" },
    });
    expect(topic.declaredBy.map((d) => d.channelId)).toEqual(["alpha/events", "beta/events"]);
  });

  it("refuses a topic declared with different partitions, naming both declarations' file:line", async () => {
    const { root, catalog } = await catalogOf([
      { name: "alpha", topic: "shared", partitions: 3 },
      { name: "beta", topic: "shared", partitions: 6 },
    ]);
    const error = planError(catalog);
    const line = (name: string) =>
      lineOf(readFileSync(join(root, "asyncapi", `${name}.yaml`), "utf8"), "events:");
    expect(error.message).toBe(
      `topic "shared" is declared with different partitions: 3 at asyncapi/alpha.yaml:${line("alpha")}:3 ` +
        `(channel alpha/events) and 6 at asyncapi/beta.yaml:${line("beta")}:3 (channel beta/events)`,
    );
    expect(error.file).toBe("asyncapi/alpha.yaml");
    expect(error.line).toBe(line("alpha"));
  });

  it("reports every conflict at once: replicas and config values too", async () => {
    const { catalog } = await catalogOf([
      { name: "alpha", topic: "shared", replicas: 1, topicConfiguration: { "retention.ms": "1000" } },
      { name: "beta", topic: "shared", replicas: 3, topicConfiguration: { "retention.ms": "2000" } },
    ]);
    const lines = planError(catalog).message.split("\n");
    expect(lines[0]).toBe("the catalog's Kafka topics are inconsistent:");
    expect(lines.slice(1).map((l) => l.trim().replace(/ at .*? and /, " … and "))).toEqual([
      expect.stringMatching(
        /^topic "shared" is declared with different replicas: 1 … and 3 at asyncapi\/beta\.yaml:\d+:3/,
      ),
      expect.stringMatching(
        /^topic "shared" is declared with different retention\.ms: "1000" … and "2000" at asyncapi\/beta/,
      ),
    ]);
  });

  it("names the prefixed topic in conflicts when a prefix is given", async () => {
    const { catalog } = await catalogOf([
      { name: "alpha", topic: "shared", partitions: 3 },
      { name: "beta", topic: "shared", partitions: 6 },
    ]);
    expect(planError(catalog, { topicPrefix: "run1-" }).message).toContain('topic "run1-shared"');
  });

  it("leaves Confluent-only settings out, with the reason and where they are", async () => {
    const { catalog } = await catalogOf([
      {
        name: "alpha",
        topic: "a.events",
        topicConfiguration: { "confluent.value.schema.validation": "true", "max.message.bytes": "1048588" },
      },
    ]);
    const plan = planTopics(catalog);
    expect(plan.topics.find((t) => t.name === "a.events")?.configs).toEqual({
      "max.message.bytes": "1048588",
    });
    expect(plan.ignored).toMatchObject([
      { topic: "a.events", name: "confluent.value.schema.validation", at: { file: "asyncapi/alpha.yaml" } },
    ]);
    expect(plan.ignored[0]?.reason).toMatch(/Confluent Server/);
  });
});

describe("planTopics on hand-made catalogs (values the parser would not let through)", () => {
  const source = { file: "asyncapi/x.yaml", pointer: "/channels/c", line: 7, column: 3 };
  const channel = (kafka: unknown) => ({
    id: "x/c",
    serviceId: "x",
    key: "c",
    address: "t",
    topic: "t",
    bindings: { kafka },
    messages: [],
    source,
    extensions: {},
  });
  const catalog = (kafka: unknown) =>
    ({
      root: "/",
      documents: [],
      services: [],
      channels: [channel(kafka)],
      messages: [],
      operations: [],
      edges: [],
      diagnostics: [],
    }) as unknown as Catalog;

  it.each([
    [
      { partitions: 0 },
      'asyncapi/x.yaml:7:3 (channel x/c): partitions of topic "t" is 0; it must be a positive integer',
    ],
    [
      { replicas: 1.5 },
      'asyncapi/x.yaml:7:3 (channel x/c): replicas of topic "t" is 1.5; it must be a positive integer',
    ],
    [
      { topicConfiguration: [] },
      'asyncapi/x.yaml:7:3 (channel x/c): topicConfiguration of topic "t" is not an object',
    ],
    [
      { topicConfiguration: { "retention.ms": "a week" } },
      'asyncapi/x.yaml:7:3 (channel x/c): topicConfiguration retention.ms of topic "t" is "a week"; it must be an integer ≥ -1',
    ],
    [
      { topicConfiguration: { "cleanup.policy": ["delete", "archive"] } },
      'asyncapi/x.yaml:7:3 (channel x/c): topicConfiguration cleanup.policy of topic "t" has "archive"; use delete or compact',
    ],
    ["yes", "asyncapi/x.yaml:7:3 (channel x/c): the kafka binding of channel x/c is not an object"],
  ])("refuses %j with its location", (kafka, message) => {
    expect(planError(catalog(kafka)).message).toBe(message);
  });
});
