import { createServer, type Socket } from "node:net";
import { KafkaJSError } from "kafkajs";
import { describe, expect, it } from "vitest";
import { isEventlineError } from "../../../src/errors.js";
import { parseBrokers, withAdmin } from "../../../src/kafka/admin/connect.js";
import { adminBroker } from "./broker-suite.js";

const { brokers, available } = adminBroker("withAdmin on a real broker");

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("withAdmin", () => {
  it("fails fast on a closed port with an EventlineError that names the broker, and never runs fn", async () => {
    const port = await closedPort();
    let ran = false;
    const started = performance.now();
    const error = await withAdmin({ brokers: [`127.0.0.1:${port}`], timeoutMs: 1000 }, async () => {
      ran = true;
    }).catch((e: unknown) => e);
    const ms = performance.now() - started;
    expect(isEventlineError(error)).toBe(true);
    expect((error as Error).message).toMatch(
      new RegExp(`^cannot connect to Kafka at 127\\.0\\.0\\.1:${port} \\(.*ECONNREFUSED`),
    );
    expect((error as { code: string }).code).toBe("INPUT_INVALID");
    expect(ran).toBe(false);
    expect(ms).toBeLessThan(3000);
  });

  it("gives up at its deadline when a broker accepts the connection but never answers", async () => {
    // A listener that takes the TCP connection and stays silent: kafkajs waits for an ApiVersions reply.
    const held: Socket[] = [];
    const silent = createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as { port: number };
    try {
      const started = performance.now();
      const error = await withAdmin(
        { brokers: [`127.0.0.1:${port}`], timeoutMs: 500 },
        async () => undefined,
      ).catch((e: unknown) => e);
      const ms = performance.now() - started;
      expect(isEventlineError(error)).toBe(true);
      expect((error as Error).message).toMatch(/127\.0\.0\.1/);
      expect(ms).toBeLessThan(3 * 500 + 1000);
      // Nothing of ours keeps the process alive: the client's socket is gone, only the server's side is left.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const tcp = process.getActiveResourcesInfo().filter((r) => r === "TCPSocketWrap").length;
      expect(tcp).toBeLessThanOrEqual(held.filter((socket) => !socket.destroyed).length);
    } finally {
      for (const socket of held) socket.destroy();
      silent.close();
    }
  });
});

describe("parseBrokers", () => {
  it("splits and trims host:port lists", () => {
    expect(parseBrokers(" 127.0.0.1:9092, kafka-1.internal:19092 ")).toEqual([
      "127.0.0.1:9092",
      "kafka-1.internal:19092",
    ]);
  });

  it.each(["", "localhost", "127.0.0.1:", "127.0.0.1:70000", "kafka://127.0.0.1:9092", "a b:1"])(
    "refuses %j as a usage error",
    (value) => {
      let error: unknown;
      try {
        parseBrokers(value);
      } catch (e) {
        error = e;
      }
      expect(isEventlineError(error) && error.code).toBe("USAGE");
    },
  );
});

describe.runIf(available)("withAdmin (real broker)", () => {
  it("runs fn on a connected admin and returns its result", async () => {
    const topics = await withAdmin({ brokers }, (admin) => admin.listTopics());
    expect(Array.isArray(topics)).toBe(true);
  });

  it("turns a kafkajs failure inside fn into an EventlineError naming the brokers", async () => {
    const error = await withAdmin({ brokers }, async () => {
      throw new KafkaJSError("The group is rebalancing");
    }).catch((e: unknown) => e);
    expect(isEventlineError(error)).toBe(true);
    expect((error as Error).message).toBe(`Kafka at ${brokers.join(",")}: The group is rebalancing`);
  });

  it("lets other errors through untouched (they are bugs: exit 3)", async () => {
    const bug = new TypeError("x is undefined");
    await expect(withAdmin({ brokers }, async () => Promise.reject(bug))).rejects.toBe(bug);
  });
});
