import type { Operation } from "../../model/types.js";
import { type CatalogLookup, isRecord, lookup, nodes, record } from "../lookup.js";
import type { LintFinding, LintRule } from "../rule.js";

const KAFKA_PROTOCOLS = new Set(["kafka", "kafka-secure"]);

/** Kafka when the channel says so (a kafka binding) or the service only talks Kafka (a Kafka server). */
export function isKafkaOperation(find: CatalogLookup, operation: Operation): boolean {
  const channel = find.channel(operation.channelId);
  if (channel && isRecord(channel.bindings) && "kafka" in channel.bindings) return true;
  const service = find.service(operation.serviceId);
  return nodes(service?.servers).some(
    (s) => typeof s.protocol === "string" && KAFKA_PROTOCOLS.has(s.protocol.toLowerCase()),
  );
}

export const receiveNeedsConsumerGroup: LintRule = {
  id: "receive-needs-consumer-group",
  description: "Every receive operation on Kafka names its consumer group in bindings.kafka.groupId.",
  defaultSeverity: "error",
  hint:
    "The consumer group decides which instances share the work and where committed offsets live; a " +
    "generated or defaulted group id changes between deployments and replays or skips messages. Add " +
    "`bindings: { kafka: { groupId: { type: string, enum: [<service>] } } }` to the operation.",
  docs: "docs/rules/receive-needs-consumer-group.md",
  check(catalog) {
    const find = lookup(catalog);
    const findings: LintFinding[] = [];
    for (const operation of nodes(catalog.operations)) {
      if (operation.action !== "receive" || !isKafkaOperation(find, operation)) continue;
      if (typeof operation.groupId === "string" && operation.groupId !== "") continue;
      const name = `receive operation "${String(operation.key)}"`;
      if (record(record(operation.bindings).kafka).groupId !== undefined) {
        findings.push({
          message: `bindings.kafka.groupId of ${name} does not name one consumer group; give it as { type: string, enum: [<group>] } or const`,
          at: operation.source,
          subPointer: "/bindings/kafka/groupId",
        });
      } else {
        findings.push({
          message: `${name} on Kafka has no consumer group (bindings.kafka.groupId)`,
          at: operation.source,
        });
      }
    }
    return findings;
  },
};
