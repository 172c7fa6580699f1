import { describe, expect, it } from "vitest";
import { isEventlineRuntimeError } from "../../src/runtime/errors.js";
import { createInMemoryBroker } from "../../src/runtime/in-memory/broker.js";
import { createInMemoryTransport } from "../../src/runtime/in-memory/transport.js";
import type { MessageSpec } from "../../src/runtime/message-spec.js";
import { createPublisher } from "../../src/runtime/publisher.js";
import { fromAjv } from "../../src/runtime/validation.js";
import { createAjv } from "../../src/schema/ajv.js";

const TOPIC = "orders.events.v1";
const ajv = createAjv("2020-12");
const orderPlaced: MessageSpec = {
  name: "OrderPlaced",
  topic: TOPIC,
  type: "dev.eventline.orders.OrderPlaced.v1",
  partitionKey: "/orderId",
  validatePayload: fromAjv(
    ajv.compile({
      type: "object",
      required: ["orderId", "total"],
      properties: {
        orderId: { type: "string", minLength: 1 },
        total: { type: "integer", minimum: 0 },
        placedAt: { type: "string" },
      },
      additionalProperties: false,
    }),
  ),
};

function platform(spec: MessageSpec = orderPlaced) {
  const broker = createInMemoryBroker();
  broker.createTopic(TOPIC);
  const transport = createInMemoryTransport(broker);
  const publisher = createPublisher({ transport, source: "/services/orders", messages: [spec] });
  const sent = () => broker.inspect.records(TOPIC, 0);
  return { publisher, sent };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return isEventlineRuntimeError(error) ? `${error.code}: ${error.message}` : String(error);
}

describe("publisher validates what goes on the wire", () => {
  it("refuses an object whose JSON form (toJSON) is invalid, and sends nothing", async () => {
    const { publisher, sent } = platform();
    // Valid as an object (toJSON is a non-enumerable prototype method); its JSON says total -5.
    class Order {
      constructor(
        readonly orderId: string,
        readonly total: number,
      ) {}
      toJSON() {
        return { orderId: this.orderId, total: -this.total };
      }
    }
    expect(orderPlaced.validatePayload!(new Order("o-1", 5))).toEqual([]);
    expect(await codeOf(publisher.publish("OrderPlaced", new Order("o-1", 5)))).toMatch(
      /^PAYLOAD_INVALID: OrderPlaced payload is invalid: \/total: must be >= 0/,
    );
    expect(sent()).toHaveLength(0);
  });

  it("accepts an object whose JSON form is valid (a Date becomes a string), and keys by the JSON form", async () => {
    const { publisher, sent } = platform();
    const placedAt = new Date("2024-05-01T10:00:00Z");
    const result = await publisher.publish("OrderPlaced", { orderId: "o-2", total: 1, placedAt });
    expect(result.key).toBe("o-2");
    const [record] = sent();
    expect(JSON.parse(new TextDecoder().decode(record!.value!))).toEqual({
      orderId: "o-2",
      total: 1,
      placedAt: "2024-05-01T10:00:00.000Z",
    });
    class Renamed {
      readonly orderId = "in-memory";
      readonly total = 1;
      toJSON() {
        return { orderId: "on-the-wire", total: 1 };
      }
    }
    expect((await publisher.publish("OrderPlaced", new Renamed())).key).toBe("on-the-wire");
  });

  it("refuses a payload JSON cannot represent with a typed error", async () => {
    const { publisher, sent } = platform({ ...orderPlaced, validatePayload: undefined });
    const circular: Record<string, unknown> = { orderId: "o" };
    circular.self = circular;
    for (const payload of [{ orderId: "o", total: 10n }, circular, undefined, () => "x"]) {
      expect(await codeOf(publisher.publish("OrderPlaced", payload))).toMatch(
        /^PAYLOAD_INVALID: OrderPlaced payload cannot be serialized as JSON/,
      );
    }
    expect(sent()).toHaveLength(0);
  });

  it("refuses an invalid Date for `time` with a typed error", async () => {
    const { publisher, sent } = platform();
    expect(
      await codeOf(
        publisher.publish("OrderPlaced", { orderId: "o", total: 1 }, { time: new Date(Number.NaN) }),
      ),
    ).toBe("TIME_INVALID: `time` is an invalid Date");
    expect(sent()).toHaveLength(0);
  });

  it("refuses to label JSON with a content type that is not JSON", async () => {
    const { publisher, sent } = platform({ ...orderPlaced, contentType: "application/avro" });
    expect(await codeOf(publisher.publish("OrderPlaced", { orderId: "o", total: 1 }))).toBe(
      'CONTENT_TYPE_UNSUPPORTED: OrderPlaced declares content type "application/avro"; the publisher writes JSON (application/json or a +json type)',
    );
    expect(sent()).toHaveLength(0);
    const json = platform({ ...orderPlaced, contentType: "application/vnd.orders+json; charset=utf-8" });
    await json.publisher.publish("OrderPlaced", { orderId: "o", total: 1 });
    expect(json.sent()[0]!.headers["content-type"]).toBe("application/vnd.orders+json; charset=utf-8");
  });
});
