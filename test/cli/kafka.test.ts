import { writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServiceSpec, type TempCatalog, tempCatalog } from "../kafka/admin/catalogs.js";
import { runCli, stackFrames } from "./run-cli.js";

const SERVICES: ServiceSpec[] = [
  { name: "alpha", topic: "shared.events", partitions: 2, replicas: 1, groupId: "alpha-service" },
  {
    name: "beta",
    topic: "shared.events",
    partitions: 2,
    replicas: 1,
    groupId: "beta-service",
    topicConfiguration: { "cleanup.policy": "[delete]", "retention.ms": "86400000" },
  },
];

const temps: TempCatalog[] = [];
afterAll(() => {
  for (const t of temps.splice(0)) t.remove();
});
function catalog(services: ServiceSpec[] = SERVICES, extra: Record<string, string> = {}): string {
  const temp = tempCatalog(services, extra);
  temps.push(temp);
  return temp.root;
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const sockets = () => process.getActiveResourcesInfo().filter((r) => r === "TCPSocketWrap").length;

describe("eventline kafka: bad input (no broker needed)", () => {
  let root: string;
  beforeAll(() => {
    root = catalog();
  });

  it.each([["apply"], ["lag"]])(
    "kafka %s against a closed port exits 2 quickly with a clear message, no stack trace, no socket left",
    async (command) => {
      const port = await closedPort();
      const before = sockets();
      const r = await runCli(["kafka", command, "--brokers", `127.0.0.1:${port}`, "--timeout", "1000"], root);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain(`eventline: error: cannot connect to Kafka at 127.0.0.1:${port}`);
      expect(r.stderr).toContain("ECONNREFUSED");
      expect(r.stderr).toMatch(/hint: Check that a broker listens there \(timeout 1000 ms\)/);
      expect(stackFrames(r.stderr)).toEqual([]);
      // Bounded by loading the catalog plus 3 × --timeout; test/kafka/admin/connect.test.ts times the connect alone.
      expect(r.ms).toBeLessThan(30_000);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(sockets()).toBeLessThanOrEqual(before);
    },
  );

  it("takes the brokers from KAFKA_BROKERS when --brokers is not given", async () => {
    const port = await closedPort();
    const saved = process.env.KAFKA_BROKERS;
    process.env.KAFKA_BROKERS = `127.0.0.1:${port}`;
    try {
      const r = await runCli(["kafka", "apply", "--timeout", "1000"], root);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`cannot connect to Kafka at 127.0.0.1:${port}`);
      process.env.KAFKA_BROKERS = "not a broker";
      const bad = await runCli(["kafka", "lag"], root);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain(
        'eventline: error: KAFKA_BROKERS "not a broker" is not a list of host:port',
      );
    } finally {
      if (saved === undefined) delete process.env.KAFKA_BROKERS;
      else process.env.KAFKA_BROKERS = saved;
    }
  });

  it.each([
    [["--brokers", "localhost"], '--brokers "localhost" is not a list of host:port'],
    [["--brokers", "127.0.0.1:99999"], '--brokers "127.0.0.1:99999" is not a list of host:port'],
    [["--timeout", "soon"], '--timeout "soon" is not a positive integer'],
    [["--replication-factor", "0"], '--replication-factor "0" is not a positive integer'],
  ])("kafka apply %j exits 2: %s", async (args, message) => {
    const r = await runCli(["kafka", "apply", ...args], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`eventline: error: ${message}`);
    expect(stackFrames(r.stderr)).toEqual([]);
  });

  it("rejects an unknown format", async () => {
    const r = await runCli(["kafka", "lag", "--format", "xml"], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/argument 'xml' is invalid/);
  });

  it("refuses a catalog whose declarations of one topic disagree, naming both lines, before connecting", async () => {
    const conflicting = catalog([
      { name: "alpha", topic: "shared.events", partitions: 2 },
      { name: "beta", topic: "shared.events", partitions: 4 },
    ]);
    const port = await closedPort();
    const r = await runCli(["kafka", "apply", "--brokers", `127.0.0.1:${port}`], conflicting);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^eventline: error: topic "shared\.events" is declared with different partitions: 2 at asyncapi\/alpha\.yaml:10:3 \(channel alpha\/events\) and 4 at asyncapi\/beta\.yaml:10:3 \(channel beta\/events\)\n/,
    );
    expect(r.stderr).not.toContain("cannot connect");
    expect(stackFrames(r.stderr)).toEqual([]);
  });

  it("refuses a root without documents", async () => {
    const empty = tempCatalog([]);
    temps.push(empty);
    const r = await runCli(["kafka", "lag"], empty.root);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("eventline: error: no AsyncAPI documents found under");
  });

  it("refuses a catalog with a document that does not load", async () => {
    const broken = catalog(SERVICES);
    writeFileSync(join(broken, "asyncapi", "broken.yaml"), "asyncapi: 3.0.0\ninfo: [\n");
    const r = await runCli(["kafka", "apply", "--dry-run"], broken);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "eventline: error: 1 document(s) of the catalog did not load: asyncapi/broken.yaml",
    );
    expect(r.stderr).toContain("hint: Run `eventline validate`");
  });
});
