import { inject } from "vitest";

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
