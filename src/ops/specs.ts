import type { Catalog } from "../model/types.js";
import type { MessageSpec } from "../runtime/message-spec.js";
import { fromAjv } from "../runtime/validation.js";
import { createAjv, draftOf } from "../schema/ajv.js";
import { messagesByTopic, type TopicMessage } from "./topology.js";

/**
 * The runtime's specs of the messages the catalog declares on `topic`, as a generated client has them:
 * CloudEvents type, partition key, content type, and validators for the current payload and header
 * schemas. Publishing through `createPublisher` with these is the generated-client path.
 */
export function messageSpecs(catalog: Catalog, topic: string, prefix = ""): MessageSpec[] {
  const byType = messagesByTopic(catalog, prefix).get(topic) ?? new Map<string, TopicMessage>();
  return [...byType.values()].map((entry) => specOf(entry));
}

export function specOf(entry: TopicMessage): MessageSpec {
  const { message } = entry;
  const headers = message.headers?.resolved;
  let validateHeaders: MessageSpec["validateHeaders"];
  if (headers !== undefined) {
    try {
      validateHeaders = fromAjv(createAjv(draftOf(headers)).compile(headers as object));
    } catch {
      // A header schema ajv cannot compile: the payload is still validated.
    }
  }
  return {
    name: message.name,
    topic: entry.topic,
    type: entry.type,
    ...(typeof message.partitionKey === "string" ? { partitionKey: message.partitionKey } : {}),
    ...(message.contentType !== undefined ? { contentType: message.contentType } : {}),
    ...(entry.validate ? { validatePayload: entry.validate } : {}),
    ...(validateHeaders ? { validateHeaders } : {}),
  };
}
