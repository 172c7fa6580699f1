import { randomUUID } from "node:crypto";
import { afterAll, expect, it } from "vitest";
import { ensureBroker } from "../broker.js";

/**
 * The broker for a Kafka admin test file, with the skip/CI-fail rule of the transport suite: without a
 * broker the file registers one visible skipped test (one failing test under CI=true).
 */
export function adminBroker(suite: string): { brokers: string[]; available: boolean; run: string } {
  const broker = ensureBroker();
  afterAll(() => broker.release());
  const available = broker.brokers.length > 0;
  if (!available) {
    if (process.env.CI === "true") {
      it(`${suite} needs a Kafka broker under CI`, () => {
        expect.fail(`Kafka is required under CI=true: ${broker.reason}`);
      });
    } else {
      console.warn(`${suite} skipped: ${broker.reason}`);
      it.skip(`${suite} (skipped: ${broker.reason})`, () => {});
    }
  }
  // Unique per run, so runs on a shared broker never see each other's topics or groups.
  return { brokers: broker.brokers, available, run: `evl-${randomUUID().slice(0, 8)}` };
}
