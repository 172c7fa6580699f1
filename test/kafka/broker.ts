import { execFileSync, spawnSync } from "node:child_process";
import { resolve } from "node:path";

/**
 * The broker the Kafka suite talks to. KAFKA_BROKERS wins; otherwise, when Java and Maven exist,
 * test/kafka/broker.sh starts a local one, and `release` stops it again — but only if this run started
 * it (another test run on the machine may be using it). Without either, `reason` says why.
 */
export interface BrokerHandle {
  brokers: string[];
  reason: string;
  release(): void;
}

const script = resolve(import.meta.dirname, "broker.sh");

function has(command: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
}

export function ensureBroker(): BrokerHandle {
  const none = (reason: string): BrokerHandle => ({ brokers: [], reason, release: () => undefined });
  if (process.env.KAFKA_BROKERS) {
    return { brokers: process.env.KAFKA_BROKERS.split(","), reason: "", release: () => undefined };
  }
  if (!has("java") || !has("mvn"))
    return none("no KAFKA_BROKERS, and Java or Maven is missing to start a local broker");
  let output: string;
  try {
    output = execFileSync("bash", [script, "start"], {
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 300_000,
    }).toString();
  } catch (error) {
    const detail = (error as { stderr?: Buffer }).stderr?.toString().trim() || String(error);
    return none(`the local broker did not start: ${detail.split("\n").slice(-3).join(" ")}`);
  }
  const startedHere = !output.includes("already running");
  return {
    brokers: ["127.0.0.1:9092"],
    reason: "",
    release: () => {
      if (startedHere) execFileSync("bash", [script, "stop"], { stdio: "ignore", timeout: 60_000 });
    },
  };
}
