import { type BuildContext, eventlineExtensions, record, str } from "./build-context.js";
import type { Located } from "./ref-walk.js";
import type { Channel } from "./types.js";

/**
 * The fields a channel has in 2.x and 3.x alike, before its messages are attached. `address` is the
 * 3.x `address` (null when dynamic) or, in 2.x, the channel key itself.
 */
export function buildChannel(
  ctx: BuildContext,
  at: Located & { value: Record<string, unknown> },
  logical: string,
  serviceId: string,
  key: string,
  address: string | null,
): Channel {
  const value = at.value;
  const resolved = record(ctx.resolvedAt(logical));
  const bindings = record(resolved.bindings ?? value.bindings);
  const kafka = record(bindings.kafka);
  const channel: Channel = {
    id: `${serviceId}/${key}`,
    serviceId,
    key,
    address,
    bindings,
    topic: str(kafka.topic) ?? address,
    messages: [],
    source: ctx.location(at),
    extensions: eventlineExtensions(value),
  };
  if (typeof value.description === "string") channel.description = value.description;
  if ("x-eventline-ordering" in value) channel.ordering = value["x-eventline-ordering"];
  if (typeof kafka.partitions === "number") channel.partitions = kafka.partitions;
  return channel;
}
