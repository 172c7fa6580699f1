import {
  type BuildContext,
  componentKey,
  eventlineExtensions,
  isRecord,
  messageId,
  nonNegativeInteger,
  record,
  str,
  tagNames,
} from "./build-context.js";
import type { Located } from "./ref-walk.js";
import type { Message, MessageExample } from "./types.js";

/**
 * Builds a message from its use site (`at`, as written) and the logical pointer of that use site in
 * the root document (where the parser's resolved copy, with traits applied, lives).
 */
export function buildMessage(ctx: BuildContext, at: Located, logical: string, fallbackName: string): Message {
  const definition = ctx.follow(at);
  return ctx.messageFor(definition, () => {
    const raw = record(definition.value);
    const resolved = record(ctx.resolvedAt(logical));
    const pick = (key: string): unknown => (key in resolved ? resolved[key] : raw[key]);
    const name =
      str(pick("name")) ?? str(pick("messageId")) ?? componentKey(definition, "messages") ?? fallbackName;
    const docDefaults = record(ctx.document.value);
    const schemaFormat = str(pick("schemaFormat"));
    const message: Message = {
      id: messageId(definition),
      name,
      examples: examplesOf(ctx, definition),
      tags: tagNames(pick("tags")),
      bindings: record(pick("bindings")),
      source: ctx.location(definition),
      extensions: { ...eventlineExtensions(raw), ...eventlineExtensions(resolved) },
    };
    const optional: Partial<Message> = {
      title: str(pick("title")),
      summary: str(pick("summary")),
      description: str(pick("description")),
      contentType: str(pick("contentType")) ?? str(docDefaults.defaultContentType),
    };
    for (const [k, v] of Object.entries(optional))
      if (v !== undefined) (message as unknown as Record<string, unknown>)[k] = v;
    // Traits may add extensions: the resolved message (traits applied) wins over the raw definition.
    const merged = { ...raw, ...eventlineExtensions(resolved) };
    if ("x-eventline-version" in merged) {
      message.version = merged["x-eventline-version"];
      const major = nonNegativeInteger(merged["x-eventline-version"]);
      if (major !== undefined) message.major = major;
    }
    if ("x-eventline-partition-key" in merged) message.partitionKey = merged["x-eventline-partition-key"];
    if ("x-eventline-compatibility" in merged) message.compatibility = merged["x-eventline-compatibility"];
    const payload = ctx.schemaRef(definition, "payload", logical, schemaFormat);
    if (payload) message.payload = payload;
    const headers = ctx.schemaRef(definition, "headers", logical);
    if (headers) message.headers = headers;
    const correlation = ctx.child(definition, "correlationId");
    if (correlation && isRecord(correlation.value)) {
      const location = str(correlation.value.location);
      message.correlationId = { source: ctx.location(correlation), ...(location ? { location } : {}) };
    }
    const kafka = record(message.bindings.kafka);
    if (kafka.key !== undefined) message.kafkaKey = kafka.key;
    return message;
  });
}

function examplesOf(ctx: BuildContext, definition: Located): MessageExample[] {
  const list = ctx.child(definition, "examples");
  if (!list || !Array.isArray(list.value)) return [];
  return list.value.flatMap((_, i) => {
    const at = ctx.child(list, i);
    if (!at || !isRecord(at.value)) return [];
    const ex: MessageExample = { source: ctx.location(at) };
    const name = str(at.value.name);
    const summary = str(at.value.summary);
    if (name !== undefined) ex.name = name;
    if (summary !== undefined) ex.summary = summary;
    if ("headers" in at.value) ex.headers = at.value.headers;
    if ("payload" in at.value) ex.payload = at.value.payload;
    return [ex];
  });
}
