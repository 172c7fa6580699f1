// Entry point of `eventline/kafka` (issue 4, in progress): the runtime's Transport on kafkajs.
// Topic administration and lag helpers arrive with the rest of issue 4.
export { createKafkaTransport, type KafkaTransport, type KafkaTransportOptions } from "./transport.js";
