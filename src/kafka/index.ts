// Entry point of `eventline/kafka`: the runtime's Transport on kafkajs, and the admin helpers
// (topics from the contract, consumer lag, dead-letter depth). An explicit list: the CLI's text
// formatting and flag parsing are not part of it.
export {
  type AdminConnection,
  type ApplyOptions,
  applyTopics,
  type ConsumerLagOptions,
  consumerLag,
  lagTargetsFromCatalog,
  planTopics,
  withAdmin,
  withKafka,
} from "./admin/index.js";
export {
  APPLY_ACTIONS,
  type ApplyAction,
  type ApplyActionKind,
  type ApplyReport,
  type ConfigChange,
  type DeadLetterDepth,
  type GroupLag,
  type IgnoredSetting,
  type LagReport,
  type LagTarget,
  type PartitionLag,
  type PlannedTopic,
  type PlanOptions,
  type TopicDeclaration,
  type TopicLag,
  type TopicPlan,
} from "./admin/types.js";
export { createKafkaTransport, type KafkaTransport, type KafkaTransportOptions } from "./transport.js";
