import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateCatalog } from "../../src/codegen/generate-catalog.js";
import { loadCatalog } from "../../src/model/load-catalog.js";
import { createInMemoryBroker } from "../../src/runtime/in-memory/broker.js";
import { createInMemoryTransport } from "../../src/runtime/in-memory/transport.js";
import { until } from "../support/waiting.js";
import { importGeneratedClient } from "./support/generated-client.js";
import { type LedgerModule, ledgerDocument, ledgerFactory } from "./support/ledger.js";
import { runtimeImportFor, scratchProject, typecheck, writeFiles } from "./support/typecheck.js";

/** Writes `document` to a scratch project and generates its clients there (written, for tsc). */
async function generateInScratch(document: string, prefix: string) {
  const project = scratchProject(prefix);
  writeFiles(project, [{ path: "asyncapi/service.yaml", content: document }]);
  const { catalog } = await loadCatalog({
    root: project,
    paths: [join(project, "asyncapi/service.yaml")],
    configFile: false,
    config: { cache: { enabled: false } },
  });
  const out = join(project, "generated");
  const files = await generateCatalog(catalog, { template: false, runtimeImport: runtimeImportFor(out) });
  writeFiles(out, files);
  return { project, files };
}

describe("generated clients: one consumer per consumer group", () => {
  it("reads all of a group's topics through one group member, keeping each operation's dead-letter settings", async () => {
    const module = await importGeneratedClient<LedgerModule>(
      ledgerDocument({ a: "ledger.a", b: "ledger.b", group: "ledger" }),
    );
    const broker = createInMemoryBroker();
    for (const topic of ["ledger.a", "ledger.b", "ledger.a.dead", "ledger.b.dead"])
      broker.createTopic(topic, { partitions: 3 });
    const transport = createInMemoryTransport(broker, { pollIntervalMs: 5 });
    const client = ledgerFactory(module)({ transport, retry: { initialDelayMs: 1, jitter: 0 } });
    const attempts = new Map<string, number>();
    const handler = ({ payload }: { payload: { id: string } }) => {
      attempts.set(payload.id, (attempts.get(payload.id) ?? 0) + 1);
      if (payload.id.startsWith("poison")) throw new Error(`cannot book ${payload.id}`);
    };
    for (const id of ["a1", "poisonA", "a2"]) await client.publish.EntryA!({ id });
    for (const id of ["b1", "poisonB"]) await client.publish.EntryB!({ id });
    const subscription = client.start({ EntryA: handler, EntryB: handler });
    const stats = () => Object.values(client.stats());
    try {
      await until(() => stats().reduce((n, s) => n + s.consumed + s.deadLettered, 0) >= 5, {
        ms: 10_000,
        what: () => JSON.stringify(client.stats()),
      });
      // One member holds every partition of both topics.
      const members = broker.inspect.members("ledger");
      expect(members).toHaveLength(1);
      expect(members[0]!.assignment.map((tp) => `${tp.topic}/${tp.partition}`).sort()).toEqual([
        "ledger.a/0",
        "ledger.a/1",
        "ledger.a/2",
        "ledger.b/0",
        "ledger.b/1",
        "ledger.b/2",
      ]);
      expect(Object.keys(client.stats())).toEqual(["ledger"]);
    } finally {
      await subscription.stop();
    }
    // Each receive operation's own maxAttempts and dead-letter channel.
    expect(attempts.get("poisonA")).toBe(2);
    expect(attempts.get("poisonB")).toBe(3);
    const dead = (topic: string) =>
      [0, 1, 2].flatMap((p) =>
        broker.inspect
          .records(topic, p)
          .map((r) => `${r.headers["eventline-attempts"]} ${r.headers.ce_type}`),
      );
    expect(dead("ledger.a.dead")).toEqual([expect.stringMatching(/^2 .*EntryA/)]);
    expect(dead("ledger.b.dead")).toEqual([expect.stringMatching(/^3 .*EntryB/)]);
  }, 60_000);

  it("gives a message named like the client's consumer-group types another type name, and the client compiles", async () => {
    const names = { a: "ledger.a", b: "ledger.b", group: "ledger" };
    const document = ledgerDocument(names)
      .replaceAll("EntryA", "ConsumerRoute")
      .replaceAll("EntryB", "ConsumerGroupSpec");
    const { project, files } = await generateInScratch(document, "eventline-reserved-");
    const types = files.find((f) => f.path.endsWith("/types.ts"))!.content;
    expect(types).not.toMatch(/^export (interface|type) (ConsumerRoute|ConsumerGroupSpec)\b/m);
    const result = await typecheck(project);
    expect([...result.byFile.values()].flat()).toEqual([]);
    expect(result.crash).toBeUndefined();
  }, 120_000);

  it("a message two receive operations take (two groups) has one handler key, and the client compiles", async () => {
    const document = ledgerDocument({ a: "ledger.a", b: "ledger.b", group: "ledger" }).replace(
      "components:",
      "  auditA: { action: receive, channel: { $ref: '#/channels/aEvents' }, messages: [{ $ref: '#/channels/aEvents/messages/EntryA' }], bindings: { kafka: { groupId: { type: string, enum: [audit] }, bindingVersion: '0.5.0' } } }\ncomponents:",
    );
    const { project, files } = await generateInScratch(document, "eventline-twice-received-");
    const client = files.find((f) => f.path.endsWith("/client.ts"))!.content;
    expect(client.match(/^ {2}"?EntryA"?: LedgerServiceHandler</gm)).toHaveLength(1);
    const result = await typecheck(project);
    expect([...result.byFile.values()].flat()).toEqual([]);
    expect(result.crash).toBeUndefined();
  }, 120_000);
});
