#!/usr/bin/env node
// Property harness benchmark: the `idempotent` property on the example payments service (the
// handlers the demo runs), N runs × M events, against the same handlers driven by a plain
// fast-check loop without the harness (each event handled twice, compared with handling it once).
//
//   npm run bench:testing                      # 1,000 runs × 50 events
//   node bench/testing.mjs --runs 200 --events 20
//
// Runs against the built code (dist/ and examples/saga/dist, which the npm script builds). A report:
// exit 0 whether or not the target is met, non-zero only when something crashed.
import { availableParallelism, loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import fc from "fast-check";
import { benchArgs, positiveInt, timed } from "./lib.mjs";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const TARGET_SECONDS = 10;
const USAGE = `usage: node bench/testing.mjs [--runs N] [--events N]
  --runs N     generated schedules (default 1000)
  --events N   events per schedule (default 50)`;

const { values, fail } = benchArgs("testing.mjs", USAGE, {
  runs: { type: "string", default: "1000" },
  events: { type: "string", default: "50" },
});
const runs = positiveInt(values.runs, "--runs", fail);
const events = positiveInt(values.events, "--events", fail);

const load = (path) => import(pathToFileURL(join(REPO, path)).href);
const { checkIdempotent, defineService } = await load("dist/testing/index.js");
const { payloadPool } = await load("dist/testing/schedule.js");
const { createPaymentsServiceClient } = await load("examples/saga/dist/generated/payments-service/index.js");
const { createPaymentsStore, paymentsHandlers } = await load("examples/saga/dist/src/services/payments.js");

const subject = await defineService(
  createPaymentsServiceClient,
  {
    durable: createPaymentsStore,
    idempotency: (s) => s.inbox,
    setup: (client, s) => void client.start(paymentsHandlers(client, s)),
    state: (s) => ({ captured: [...s.captured], refunded: [...s.refunded] }),
  },
  { root: REPO },
);

// The baseline: the handlers called directly (no broker, no consumer, no faults but duplicates),
// payloads from the same pool, each event twice against each event once.
const capture = subject.contract.inputs.find((i) => i.name === "CapturePayment");
const pool = payloadPool(capture);
const noTransport = {
  send: async (_t, records) => records.map((_, i) => ({ partition: 0, offset: i })),
  consume: () => ({ stop: async () => undefined, done: new Promise(() => undefined) }),
};
async function plainRun(payloads, twice) {
  const store = createPaymentsStore();
  const client = createPaymentsServiceClient({ transport: noTransport });
  const handlers = paymentsHandlers(client, store);
  for (const [i, payload] of payloads.entries()) {
    const event = { payload, envelope: { id: `e-${i}`, time: "2025-01-01T00:00:00.000Z" } };
    const key = payload.paymentId;
    for (let n = 0; n < (twice ? 2 : 1); n++) {
      if (store.inbox.has(`payments-service\u0000CapturePayment\u0000${key}`)) continue;
      await store.inbox.process(`payments-service\u0000CapturePayment\u0000${key}`, () =>
        handlers.CapturePayment(event),
      );
    }
  }
  return JSON.stringify([...store.captured]);
}

console.log(`bench:testing — idempotent on payments-service, ${runs} runs × ${events} events`);
console.log(
  `machine: ${availableParallelism()} cores, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
const harness = await timed(() =>
  checkIdempotent(subject, { runs, minEvents: events, maxEvents: events, seed: 1 }),
);
if (!harness.value.ok)
  throw new Error(`the example payments service failed idempotent: ${JSON.stringify(harness.value)}`);
const plain = await timed(() =>
  fc.assert(
    fc.asyncProperty(
      fc.array(fc.constantFrom(...pool), { minLength: events, maxLength: events }),
      async (payloads) => {
        return (await plainRun(payloads, true)) === (await plainRun(payloads, false));
      },
    ),
    { numRuns: runs, seed: 1 },
  ),
);
const rate = (ms) => (runs / (ms / 1000)).toFixed(0);
console.log(
  `harness  ${(harness.ms / 1000).toFixed(2)} s  ${rate(harness.ms)} runs/s  (faults: duplicates, crashes, rebalances, transient errors; reference run per schedule)`,
);
console.log(
  `plain    ${(plain.ms / 1000).toFixed(2)} s  ${rate(plain.ms)} runs/s  (handlers called directly, each event twice)`,
);
console.log(`ratio    harness / plain = ${(harness.ms / plain.ms).toFixed(1)}×`);
if (runs === 1000 && events === 50)
  console.log(
    `target   1,000 runs × 50 events in < ${TARGET_SECONDS} s: ${harness.ms / 1000 < TARGET_SECONDS ? "met" : "NOT met"}`,
  );
else console.log(`target   applies to 1,000 runs × 50 events (this run: ${runs} × ${events})`);
