/**
 * The AsyncAPI Kafka channel binding's `topicConfiguration` (binding 0.4/0.5) uses Kafka's own config
 * names, with `cleanup.policy` as an array; Kafka wants every value as a string, lists comma-joined.
 */

/** Keys the binding defines whose values are integers (Kafka longs/ints; -1 means unlimited). */
const INTEGER_CONFIGS = new Set([
  "retention.ms",
  "retention.bytes",
  "delete.retention.ms",
  "max.message.bytes",
]);

const CLEANUP_POLICIES = new Set(["delete", "compact"]);

export type ConfigValue = { ok: true; value: string } | { ok: false; problem: string } | { ignored: string };

/** One `topicConfiguration` entry → the Kafka config value, or why it is invalid or left out. */
export function topicConfigValue(name: string, value: unknown): ConfigValue {
  if (name.startsWith("confluent.")) {
    return {
      ignored: "a Confluent Server setting: Apache Kafka rejects it, set it on Confluent Server by hand",
    };
  }
  if (name === "cleanup.policy") {
    const policies = Array.isArray(value) ? value : typeof value === "string" ? value.split(",") : null;
    if (!policies || policies.length === 0 || !policies.every((p) => typeof p === "string")) {
      return { ok: false, problem: "must be a non-empty list of `delete` and `compact`" };
    }
    const trimmed = policies.map((p: string) => p.trim());
    const unknown = trimmed.find((p) => !CLEANUP_POLICIES.has(p));
    if (unknown !== undefined)
      return { ok: false, problem: `has ${JSON.stringify(unknown)}; use delete or compact` };
    return { ok: true, value: [...new Set(trimmed)].join(",") };
  }
  if (INTEGER_CONFIGS.has(name)) {
    if (typeof value === "number" && Number.isSafeInteger(value) && value >= -1) {
      return { ok: true, value: String(value) };
    }
    return { ok: false, problem: `is ${JSON.stringify(value)}; it must be an integer ≥ -1` };
  }
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    return { ok: true, value: String(value) };
  }
  if (Array.isArray(value) && value.every((v) => typeof v === "string" || typeof v === "number")) {
    return { ok: true, value: value.join(",") };
  }
  return {
    ok: false,
    problem: `is ${JSON.stringify(value)}; Kafka topic configs are strings, numbers or lists`,
  };
}

/** True when two values of one config mean the same (list order of `cleanup.policy` does not matter). */
export function sameConfigValue(name: string, a: string, b: string): boolean {
  if (name !== "cleanup.policy") return a === b;
  const norm = (v: string) =>
    v
      .split(",")
      .map((p) => p.trim())
      .filter((p) => p !== "")
      .sort()
      .join(",");
  return norm(a) === norm(b);
}
