import { describe, expect, it } from "vitest";
import { batchingTransport } from "../../src/ops/load/batching.js";
import type { Transport, TransportRecord } from "../../src/runtime/transport.js";

function recordingTransport(fail = false) {
  const sends: { topic: string; records: readonly TransportRecord[] }[] = [];
  let offset = 0;
  const transport: Transport = {
    async send(topic, records) {
      sends.push({ topic, records });
      await new Promise((r) => setTimeout(r, 5));
      if (fail) throw new Error("broker says no");
      return records.map(() => ({ partition: 0, offset: offset++ }));
    },
    consume: () => {
      throw new Error("not used");
    },
  };
  return { transport, sends };
}

const record = (n: number): TransportRecord => ({ key: null, value: new Uint8Array([n]), headers: {} });

describe("batchingTransport", () => {
  it("sends records published together as one batch, and what arrives meanwhile as the next", async () => {
    const { transport, sends } = recordingTransport();
    const batching = batchingTransport(transport);
    const first = [0, 1, 2].map((n) => batching.send("t", [record(n)]));
    await new Promise((r) => setImmediate(r));
    const second = [3, 4].map((n) => batching.send("t", [record(n)]));
    const written = await Promise.all([...first, ...second]);
    expect(sends.map((s) => s.records.map((r) => r.value![0]))).toEqual([
      [0, 1, 2],
      [3, 4],
    ]);
    // Each caller gets its own record's offset.
    expect(written.map((w) => w[0]!.offset)).toEqual([0, 1, 2, 3, 4]);
  });

  it("keeps topics apart and caps a batch", async () => {
    const { transport, sends } = recordingTransport();
    const batching = batchingTransport(transport, 2);
    await Promise.all([
      batching.send("a", [record(1)]),
      batching.send("b", [record(2)]),
      batching.send("a", [record(3), record(4), record(5)]),
    ]);
    expect(sends.map((s) => [s.topic, s.records.length])).toEqual([
      ["a", 2],
      ["b", 1],
      ["a", 2],
    ]);
  });

  it("fails every caller of a failed batch", async () => {
    const { transport } = recordingTransport(true);
    const batching = batchingTransport(transport);
    const results = await Promise.allSettled([
      batching.send("t", [record(1)]),
      batching.send("t", [record(2)]),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
  });
});
