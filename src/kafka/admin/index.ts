// Topic administration from the contract, and consumer lag: kafkajs admin helpers behind
// `eventline kafka apply|lag`. Imports only types from the model, so `eventline/kafka` stays free of
// the parser and the CLI.
export { type ApplyOptions, applyTopics } from "./apply-topics.js";
export {
  type AdminConnection,
  DEFAULT_BROKERS,
  DEFAULT_TIMEOUT_MS,
  parseBrokers,
  withAdmin,
  withKafka,
} from "./connect.js";
export { type ConsumerLagOptions, consumerLag } from "./consumer-lag.js";
export { lagTargetsFromCatalog } from "./lag-targets.js";
export { planTopics } from "./plan-topics.js";
export * from "./types.js";
