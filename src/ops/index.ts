// Operations from the contract: dead-letter inspection and redrive, replay, monitoring and load
// generation. Sits on the runtime, the Kafka admin helpers and the catalog model; the CLI stays thin.
export { type DeadLetterDepth, listDeadLetters } from "./dlq/list.js";
export { type DeadLetterRecord, describeRecord, ERROR_HEADERS } from "./dlq/record.js";
export {
  type RedriveEntry,
  type RedriveOptions,
  type RedriveProgress,
  type RedriveReport,
  redriveDeadLetters,
  redriveGroup,
} from "./dlq/redrive.js";
export { type ShowOptions, showDeadLetters } from "./dlq/show.js";
export { parseWhere, type RecordMatcher } from "./dlq/where.js";
export { batchingTransport } from "./load/batching.js";
export { type EndToEnd, followGroup } from "./load/end-to-end.js";
export { type PayloadOptions, type PayloadSource, payloadSource } from "./load/payloads.js";
export { assertLoopback, type LoadPlan, planLoad } from "./load/plan.js";
export { evaluateLoad, formatLoadText, type LoadReport, type Objective } from "./load/report.js";
export {
  type LatencySummary,
  type LoadOptions,
  type LoadProgress,
  type LoadRun,
  runLoad,
} from "./load/run-load.js";
export { type GroupProcessing, groupProcessing } from "./monitor/prometheus.js";
export {
  type AlertRule,
  type AlertRuleOptions,
  alertRules,
  DEFAULT_SLO,
  formatRulesYaml,
  type RuleFile,
} from "./monitor/rules.js";
export { type MonitorGroup, type MonitorSnapshot, monitorSnapshot } from "./monitor/snapshot.js";
export { type OffsetRange, partitionOffsets, type ReadRecord, readRanges } from "./read-records.js";
export {
  parseFrom,
  type ReplayOptions,
  type ReplayPartition,
  type ReplayPlan,
  replay,
} from "./replay.js";
export { messageSpecs, specOf } from "./specs.js";
export {
  type DeadLetterChannel,
  deadLetterChannels,
  messagesByTopic,
  resolveChannelTopic,
  resolveDeadLetter,
  type TopicMessage,
} from "./topology.js";
