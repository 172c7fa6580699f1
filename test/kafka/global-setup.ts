import { execFileSync, spawnSync } from "node:child_process";
import { resolve } from "node:path";
import type { TestProject } from "vitest/node";

/**
 * Vitest global setup of the `kafka` project: decides once, before any worker starts, which broker
 * the Kafka test files use, so parallel files never race to start one. KAFKA_BROKERS wins; otherwise
 * test/kafka/broker.sh starts a local broker when Java and Maven exist (or finds one already
 * running). The decision reaches the workers through `provide("eventlineKafka")`, which
 * test/kafka/broker.ts reads. The broker is stopped at teardown only if this setup started it.
 */
declare module "vitest" {
  export interface ProvidedContext {
    /** `brokers` is empty when no broker is available; `reason` then says why. */
    eventlineKafka: { brokers: string[]; reason: string };
  }
}

export const brokerScript = resolve(import.meta.dirname, "broker.sh");

export function hasCommand(command: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
}

/** Runs broker.sh; returns stdout, or throws with the script's last stderr lines. */
export function brokerSh(args: string[], env: NodeJS.ProcessEnv = process.env, timeout = 300_000): string {
  try {
    return execFileSync("bash", [brokerScript, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
      env,
      timeout,
    }).toString();
  } catch (error) {
    const detail = (error as { stderr?: Buffer }).stderr?.toString().trim() || String(error);
    throw new Error(detail.split("\n").slice(-3).join(" "));
  }
}

export interface BrokerDecision {
  brokers: string[];
  reason: string;
  /** Whether this process started the broker (and so must stop it). */
  started: boolean;
}

export function decideBroker(env: NodeJS.ProcessEnv = process.env, has = hasCommand): BrokerDecision {
  const configured = env.KAFKA_BROKERS?.trim();
  if (configured) return { brokers: configured.split(",").map((b) => b.trim()), reason: "", started: false };
  if (!has("java") || !has("mvn")) {
    return {
      brokers: [],
      reason: "no KAFKA_BROKERS, and Java or Maven is missing to start a local broker",
      started: false,
    };
  }
  let output: string;
  try {
    output = brokerSh(["start"], env);
  } catch (error) {
    return {
      brokers: [],
      reason: `the local broker did not start: ${(error as Error).message}`,
      started: false,
    };
  }
  const address = brokerAddress(output);
  if (!address) {
    return {
      brokers: [],
      reason: `broker.sh did not say where the broker listens: ${output.trim()}`,
      started: false,
    };
  }
  return { brokers: [address], reason: "", started: !output.includes("already running") };
}

/** The `host:port` broker.sh printed for the broker it started or found running. */
export function brokerAddress(output: string): string | undefined {
  return /\bon (127\.0\.0\.1:\d+)/.exec(output)?.[1];
}

export default function setup(project: TestProject): () => void {
  const decision = decideBroker();
  project.provide("eventlineKafka", { brokers: decision.brokers, reason: decision.reason });
  if (decision.brokers.length === 0) console.warn(`Kafka tests: no broker (${decision.reason})`);
  else
    console.log(
      `Kafka tests: broker ${decision.brokers.join(",")} (${
        process.env.KAFKA_BROKERS?.trim()
          ? "KAFKA_BROKERS"
          : decision.started
            ? "started by this run"
            : "already running"
      })`,
    );
  return () => {
    if (decision.started) brokerSh(["stop"], process.env, 90_000);
  };
}
