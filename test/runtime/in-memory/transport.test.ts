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
        const partitions = broker.inspect.topics().find((t) => t.name === topic)?.partitions ?? 0;
        return Array.from({ length: partitions }, (_, p) => broker.inspect.records(topic, p))
          .flat()
          .map((r) => ({ ...r, headers: { ...r.headers } }));
      },
      group: (base) => `${base}-${++n}`,
      committed: async (group, topic, partition) => broker.inspect.committed(group, topic, partition),
    };
  });
});
