// Entry point of `eventline/kafka`: the runtime's Transport on kafkajs, and the
// admin helpers (topics from the contract, consumer lag, dead-letter depth).
export * from "./admin/index.js";
export { createKafkaTransport, type KafkaTransport, type KafkaTransportOptions } from "./transport.js";
