import { expect, inject, it } from "vitest";

/**
 * The broker a Kafka test file talks to, as decided once by test/kafka/global-setup.ts (which starts
 * a local one when needed and stops it after the run). KAFKA_BROKERS wins. Without a broker,
 * `brokers` is empty and `reason` says why. `release` is kept for the callers' symmetry: the global
 * setup owns the broker's lifetime, so releasing one file's handle never stops it.
 */
export interface BrokerHandle {
  brokers: string[];
  reason: string;
  release(): void;
}

export function ensureBroker(): BrokerHandle {
  const release = () => undefined;
  const configured = process.env.KAFKA_BROKERS?.trim();
  if (configured) return { brokers: configured.split(",").map((b) => b.trim()), reason: "", release };
  const decided = inject("eventlineKafka");
  if (!decided) {
    return {
      brokers: [],
      reason: "no KAFKA_BROKERS, and the Kafka global setup did not run (run through vitest.config.ts)",
      release,
    };
  }
  return { brokers: [...decided.brokers], reason: decided.reason, release };
}

/**
 * The brokers of a Kafka test file, read at collection time. Without one it registers, with the reason,
 * a failing test under CI=true (Kafka is required there) and a skipped one elsewhere, and returns [].
 */
export function brokersOrSkip(label: string): string[] {
  const { brokers, reason } = ensureBroker();
  if (brokers.length > 0) return brokers;
  if (process.env.CI === "true") {
    it(`${label}: needs a Kafka broker under CI`, () => {
      expect.fail(`Kafka is required under CI=true: ${reason}`);
    });
  } else {
    console.warn(`${label} skipped: ${reason}`);
    it.skip(`${label} (skipped: ${reason})`, () => {});
  }
  return [];
}
