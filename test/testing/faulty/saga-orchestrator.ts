// A small fulfilment orchestrator for the saga gallery: the example's commands (FULFILMENT), its own
// progress, and one switch for how it compensates. The participants are played by the harness.
import {
  createOrdersServiceClient,
  type OrdersServiceClient,
} from "../../../examples/saga/generated/orders-service/index.js";
import { FULFILMENT, type PlacedOrder } from "../../../examples/saga/src/services/orders.js";
import { createInMemoryIdempotencyStore } from "../../../src/runtime/index.js";
import { defineService } from "../../../src/testing/index.js";
import { placedOrder } from "../support/platform.js";
import { catalog } from "./support.js";

/** Which steps a failure at step `failed` undoes, in the order they are undone. */
export type Undo = (failed: number) => number[];

export const reverseOfCompleted: Undo = (failed) => [...Array(failed).keys()].reverse();

interface Progress {
  step: number;
  since: number;
  status: "running" | "completed" | "failed";
}

interface Durable {
  inbox: ReturnType<typeof createInMemoryIdempotencyStore>;
  placed: Map<string, PlacedOrder>;
  progress: Map<string, Progress>;
}

async function fail(client: OrdersServiceClient, d: Durable, orderId: string, step: number, undo: Undo) {
  d.progress.set(orderId, { ...d.progress.get(orderId)!, step, status: "failed" });
  for (const i of undo(step)) {
    const s = FULFILMENT[i]!;
    await s.undo?.(client, d.placed.get(orderId)!, `${orderId}.undo.${s.name}`);
  }
}

export const orchestrator = async (undo: Undo) =>
  defineService(
    createOrdersServiceClient,
    {
      durable: (): Durable => ({
        inbox: createInMemoryIdempotencyStore(),
        placed: new Map(),
        progress: new Map(),
      }),
      idempotency: (d) => d.inbox,
      setup: (client, d) => {
        const succeeded =
          (index: number) =>
          async ({ payload, envelope }: { payload: { orderId: string }; envelope: { time: string } }) => {
            const p = d.progress.get(payload.orderId);
            if (p?.status !== "running" || (p.step !== index && p.step !== index + 1)) return;
            const next = FULFILMENT[index + 1];
            if (p.step === index)
              d.progress.set(payload.orderId, {
                step: next ? index + 1 : index,
                since: Date.parse(envelope.time),
                status: next ? "running" : "completed",
              });
            if (next)
              await next.run(
                client,
                d.placed.get(payload.orderId)!,
                `${payload.orderId}.${next.name}`,
                envelope.time,
              );
          };
        const failed =
          (index: number) =>
          async ({ payload }: { payload: { orderId: string } }) => {
            const p = d.progress.get(payload.orderId);
            if (p?.step === index && p.status !== "completed")
              await fail(client, d, payload.orderId, index, undo);
          };
        const ignore = () => undefined;
        client.start({
          InventoryReserved: succeeded(0),
          InventoryReservationFailed: failed(0),
          PaymentCaptured: succeeded(1),
          PaymentFailed: failed(1),
          ShipmentCreated: succeeded(2),
          CustomerNotified: succeeded(3),
          InventoryReleased: ignore,
          RefundIssued: ignore,
          ShipmentCancelled: ignore,
          ShipmentDispatched: ignore,
        });
      },
      state: (d) => d.progress,
      saga: {
        start: async (client, d, { id, index, context }) => {
          const time = context.now().toISOString();
          d.placed.set(id, placedOrder(id, index, time));
          d.progress.set(id, { step: 0, since: context.now().getTime(), status: "running" });
          await FULFILMENT[0]!.run(client, d.placed.get(id)!, `${id}.${FULFILMENT[0]!.name}`, time);
        },
        tick: async (client, d, context) => {
          for (const [orderId, p] of [...d.progress])
            if (p.status === "running" && context.now().getTime() - p.since >= FULFILMENT[p.step]!.timeoutMs)
              await fail(client, d, orderId, p.step, undo);
        },
      },
    },
    { catalog: await catalog() },
  );
