import { describe } from "vitest";
import { createInMemoryBroker } from "../../../src/runtime/in-memory/broker.js";
import { createInMemoryTransport } from "../../../src/runtime/in-memory/transport.js";
import { type TransportFixture, transportSuite } from "../transport-suite.js";

describe("in-memory transport", () => {
  transportSuite((): TransportFixture => {
    const broker = createInMemoryBroker();
    let n = 0;
    return {
      transport: createInMemoryTransport(broker, { pollIntervalMs: 5 }),
      async topic(base, partitions) {
        const name = `${base}-${++n}`;
        broker.createTopic(name, { partitions });
        return name;
      },
      async readAll(topic) {
        return broker.inspect.records(topic, 0).map((r) => ({ ...r, headers: { ...r.headers } }));
      },
      group: (base) => `${base}-${++n}`,
      committed: async (group, topic, partition) => broker.inspect.committed(group, topic, partition),
    };
  });
});
