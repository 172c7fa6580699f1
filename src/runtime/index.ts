// Entry point of `eventline/runtime` (issue 4, in progress). The publish/consume API lands with that
// issue; what is here works and is tested: Kafka's partitioner and an embedded in-memory broker.
export { EventlineRuntimeError, isEventlineRuntimeError } from "./errors.js";
export {
  type BrokerInspector,
  createInMemoryBroker,
  type GroupMember,
  type InMemoryBroker,
  type InMemoryBrokerOptions,
} from "./in-memory/broker.js";
export type { PartitionLag, ProducedRecord, StoredRecord, TopicPartition } from "./in-memory/types.js";
export { murmur2, partitionForKey } from "./murmur2.js";
