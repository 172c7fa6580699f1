import { appendPointer, fragmentToPointer, parsePointer } from "../schema/pointer.js";
import { buildChannel } from "./build-channel.js";
import type { BuildContext, DocumentModel } from "./build-context.js";
import { eventlineExtensions, isRecord, record, schemaConstant } from "./build-context.js";
import { buildMessage } from "./build-message.js";
import { buildServers, buildService } from "./build-service.js";
import type { Located } from "./ref-walk.js";
import type { Action, Channel, Operation } from "./types.js";

export function buildV3(ctx: BuildContext, serviceId: string): Omit<DocumentModel, "diagnostics"> {
  const root = ctx.rootLocated;
  const raw = record(root.value);
  const channels: Channel[] = [];
  const channelByKey = new Map<string, Channel>();
  const channelByDefinition = new Map<string, Channel>();
  // In an already-dereferenced document the operation's channel is the channel object itself.
  const channelByValue = new Map<unknown, Channel>();

  for (const key of Object.keys(record(raw.channels))) {
    const at = ctx.child(root, "channels", key);
    if (!at || !isRecord(at.value)) continue;
    const logical = appendPointer("/channels", key);
    const value = at.value;
    const address = typeof value.address === "string" ? value.address : null;
    const channel = buildChannel(ctx, { ...at, value }, logical, serviceId, key, address);
    for (const mkey of Object.keys(record(value.messages))) {
      const use = ctx.rawChild(at, "messages", mkey);
      if (!use) continue;
      const message = buildMessage(ctx, use, appendPointer(logical, "messages", mkey), mkey);
      channel.messages.push({ key: mkey, messageId: message.id });
    }
    channels.push(channel);
    channelByKey.set(key, channel);
    channelByDefinition.set(`${at.file.name}#${at.pointer}`, channel);
    channelByValue.set(at.value, channel);
  }

  const operations: Operation[] = [];
  for (const key of Object.keys(record(raw.operations))) {
    const at = ctx.child(root, "operations", key);
    if (!at || !isRecord(at.value)) continue;
    const value = at.value;
    if (value.action !== "send" && value.action !== "receive") continue;
    const channel =
      channelOf(ctx, at, channelByKey, channelByDefinition) ?? channelByValue.get(record(at.value).channel);
    if (!channel) continue;
    const logical = appendPointer("/operations", key);
    const resolved = record(ctx.resolvedAt(logical));
    const bindings = record(resolved.bindings ?? value.bindings);
    const messageIds = Array.isArray(value.messages)
      ? value.messages.flatMap((_, i) => {
          const use = ctx.rawChild(at, "messages", i);
          if (!use) return [];
          return [buildMessage(ctx, use, appendPointer(logical, "messages", i), `${key}Message${i}`).id];
        })
      : channel.messages.map((m) => m.messageId);
    const op = operation(ctx, at, {
      id: `${serviceId}/${key}`,
      serviceId,
      key,
      action: value.action as Action,
      channelId: channel.id,
      messageIds,
      hasReply: isRecord(value.reply),
      bindings,
    });
    const reply = replyOf(
      ctx,
      at,
      appendPointer(logical, "reply"),
      channelByKey,
      channelByDefinition,
      channelByValue,
    );
    if (reply) op.reply = reply;
    operations.push(op);
  }

  return {
    file: ctx.document.name,
    service: buildService(ctx, serviceId, buildServers(ctx), channels, operations),
    channels,
    messages: ctx.messages,
    operations,
  };
}

function channelOf(
  ctx: BuildContext,
  op: Located,
  byKey: Map<string, Channel>,
  byDefinition: Map<string, Channel>,
): Channel | undefined {
  const ref = record(op.value).channel;
  if (isRecord(ref) && typeof ref.$ref === "string" && ref.$ref.startsWith("#")) {
    const segments = parsePointer(fragmentToPointer(ref.$ref.slice(1)) ?? "");
    if (segments?.length === 2 && segments[0] === "channels") {
      const found = byKey.get(segments[1]!);
      if (found) return found;
    }
  }
  const target = ctx.child(op, "channel");
  return target ? byDefinition.get(`${target.file.name}#${target.pointer}`) : undefined;
}

function replyOf(
  ctx: BuildContext,
  op: Located,
  logical: string,
  byKey: Map<string, Channel>,
  byDefinition: Map<string, Channel>,
  byValue: Map<unknown, Channel>,
): Operation["reply"] {
  const at = ctx.child(op, "reply");
  if (!at || !isRecord(at.value)) return undefined;
  const channel = channelOf(ctx, at, byKey, byDefinition) ?? byValue.get(at.value.channel);
  const list = at.value.messages;
  const messageIds = Array.isArray(list)
    ? list.flatMap((_, i) => {
        const use = ctx.rawChild(at, "messages", i);
        return use
          ? [buildMessage(ctx, use, appendPointer(logical, "messages", i), `replyMessage${i}`).id]
          : [];
      })
    : (channel?.messages.map((m) => m.messageId) ?? []);
  return { ...(channel ? { channelId: channel.id } : {}), messageIds, source: ctx.location(at) };
}

/** Fields shared by 2.x and 3.x operations: Eventline extensions and the Kafka consumer group. */
export function operation(
  ctx: BuildContext,
  at: Located,
  base: Omit<Operation, "source" | "summary" | "description" | "extensions">,
): Operation {
  const value = record(at.value);
  const op: Operation = { ...base, source: ctx.location(at), extensions: eventlineExtensions(value) };
  if (typeof value.summary === "string") op.summary = value.summary;
  if (typeof value.description === "string") op.description = value.description;
  const dl = ctx.child(at, "x-eventline-dead-letter");
  if (dl) {
    const v = record(dl.value);
    op.deadLetter = { raw: dl.value, source: ctx.location(dl) };
    if ("channel" in v) op.deadLetter.channel = v.channel;
    if ("maxAttempts" in v) op.deadLetter.maxAttempts = v.maxAttempts;
  }
  if ("x-eventline-idempotency-key" in value) op.idempotencyKey = value["x-eventline-idempotency-key"];
  const groupId = schemaConstant(record(base.bindings.kafka).groupId);
  if (groupId !== undefined) op.groupId = groupId;
  return op;
}
