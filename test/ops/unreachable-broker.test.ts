import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";
import { type ShopCatalog, shopCatalog } from "../kafka/ops/shop-catalog.js";

// Every operations command against a broker that is not there, and one that accepts connections but
// never answers: one line, exit 2, within the bounded timeout — no stack trace, no hang. The time
// bound leaves room for loading the catalog on a busy machine; the connect itself gives up after 1.5 s.

const COMMANDS: string[][] = [
  ["dlq", "list"],
  ["dlq", "show", "shop"],
  ["dlq", "redrive", "shop", "--dry-run"],
  ["monitor", "--once"],
  ["load", "--channel", "orders", "--rate", "10", "--messages", "1"],
  ["replay", "--channel", "orders", "--group", "g", "--from", "0", "--dry-run"],
];

describe("operations commands on an unreachable broker", () => {
  let silent: Server;
  const sockets = new Set<Socket>();
  let silentPort = 0;
  let catalog: ShopCatalog;
  beforeAll(async () => {
    catalog = shopCatalog();
    silent = createServer((socket) => void sockets.add(socket));
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    silentPort = (silent.address() as { port: number }).port;
  });
  afterAll(async () => {
    catalog.remove();
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((r) => silent.close(() => r()));
  });

  for (const command of COMMANDS) {
    it(`${command.join(" ")}: nothing listening → exit 2 with a clear message`, async () => {
      const r = await runCli(
        [...command, "--brokers", "127.0.0.1:1", "--timeout", "500", "--root", catalog.root],
        catalog.root,
      );
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("eventline: error: cannot connect to Kafka at 127.0.0.1:1");
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.ms).toBeLessThan(20_000);
    });

    it(`${command.join(" ")}: a broker that never answers → exit 2 within the deadline`, async () => {
      const r = await runCli(
        [...command, "--brokers", `127.0.0.1:${silentPort}`, "--timeout", "500", "--root", catalog.root],
        catalog.root,
      );
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/eventline: error: (cannot connect to|no answer from) Kafka at 127\.0\.0\.1/);
      expect(r.ms).toBeLessThan(20_000);
    });
  }
});
