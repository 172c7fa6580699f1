import type { Validator } from "./validation.js";

/** What the runtime needs to know about one message of the contract (generated code fills it in). */
export interface MessageSpec {
  /** The AsyncAPI message name. */
  name: string;
  /** The channel address: the Kafka topic. */
  topic: string;
  /** CloudEvents `type`; how a consumer recognises the message. */
  type: string;
  /** `x-eventline-partition-key`: JSON pointer into the payload whose value is the Kafka key. */
  partitionKey?: string;
  /** Default `application/json`. */
  contentType?: string;
  /** `ce_dataschema`, when the contract publishes one. */
  dataschema?: string;
  /**
   * `x-eventline-idempotency-key` of the receive operation for this message (a JSON pointer into the
   * payload); overrides the consumer's `idempotencyKey`. Default: the envelope id.
   */
  idempotencyKey?: string;
  validatePayload?: Validator;
  /** Validates the complete header map (CloudEvents headers included). */
  validateHeaders?: Validator;
}
