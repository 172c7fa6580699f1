import { isRecord, nodes } from "../lookup.js";
import type { LintFinding, LintRule } from "../rule.js";
import { resolveSchemaPath } from "../schema-path.js";

/** JSON Schema `type`s a schema allows; empty when it does not say (then nothing is compared). */
function typesOf(schema: unknown): string[] {
  if (!isRecord(schema)) return [];
  const type = schema.type;
  if (typeof type === "string") return [type];
  return Array.isArray(type) ? type.filter((t): t is string => typeof t === "string") : [];
}

/** An integer key satisfies a `number` schema, never the other way round. */
function compatible(keyType: string, propertyTypes: readonly string[]): boolean {
  return propertyTypes.includes(keyType) || (keyType === "number" && propertyTypes.includes("integer"));
}

export const partitionKeyMatchesKafkaKey: LintRule = {
  id: "partition-key-matches-kafka-key",
  description:
    "The Kafka key schema (bindings.kafka.key) has the type of the payload property x-eventline-partition-key points at.",
  defaultSeverity: "warn",
  hint:
    "The runtime takes the key from the payload at x-eventline-partition-key, while generated code and " +
    "other Kafka clients serialise it by the binding's key schema; when the two disagree, the same " +
    "entity can land on different partitions. Make the key schema's `type` match the property.",
  docs: "docs/rules/partition-key-matches-kafka-key.md",
  check(catalog) {
    const findings: LintFinding[] = [];
    for (const message of nodes(catalog.messages)) {
      const keyTypes = typesOf(message.kafkaKey);
      if (keyTypes.length === 0 || message.payload?.resolved === undefined) continue;
      // A key that does not resolve is partition-key-resolves's finding, not a type mismatch.
      const result = resolveSchemaPath(message.payload.resolved, message.partitionKey, {
        requireEach: false,
      });
      if (!result.ok) continue;
      const propertyTypes = [...new Set(result.schemas.flatMap(typesOf))];
      if (propertyTypes.length === 0 || keyTypes.some((t) => compatible(t, propertyTypes))) continue;
      findings.push({
        message:
          `Kafka key schema of message "${message.name}" has type ${keyTypes.join(" | ")}, but the payload property ` +
          `${String(message.partitionKey)} it is read from has type ${propertyTypes.join(" | ")}`,
        at: message.source,
        subPointer: "/bindings/kafka/key",
      });
    }
    return findings;
  },
};
