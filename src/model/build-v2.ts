import { appendPointer } from "../schema/pointer.js";
import { buildChannel } from "./build-channel.js";
import type { BuildContext, DocumentModel } from "./build-context.js";
import { isRecord, record, str } from "./build-context.js";
import { buildMessage } from "./build-message.js";
import { buildServers, buildService } from "./build-service.js";
import { operation } from "./build-v3.js";
import type { Located } from "./ref-walk.js";
import type { Channel, Operation } from "./types.js";

/** In 2.x, `publish` means other applications publish and this one receives; `subscribe` the reverse. */
const ACTION_OF = { publish: "receive", subscribe: "send" } as const;

export function buildV2(ctx: BuildContext, serviceId: string): Omit<DocumentModel, "diagnostics"> {
  const root = ctx.rootLocated;
  const raw = record(root.value);
  const channels: Channel[] = [];
  const operations: Operation[] = [];

  for (const address of Object.keys(record(raw.channels))) {
    const at = ctx.child(root, "channels", address);
    if (!at || !isRecord(at.value)) continue;
    const logical = appendPointer("/channels", address);
    const channel = buildChannel(ctx, { ...at, value: at.value }, logical, serviceId, address, address);

    for (const verb of ["publish", "subscribe"] as const) {
      const opAt = ctx.child(at, verb);
      if (!opAt || !isRecord(opAt.value)) continue;
      const opLogical = appendPointer(logical, verb);
      const messageIds = messagesOf(ctx, opAt, opLogical, `${verb}Message`).map((m) => {
        if (!channel.messages.some((c) => c.messageId === m.id))
          channel.messages.push({ key: m.name, messageId: m.id });
        return m.id;
      });
      const opResolved = record(ctx.resolvedAt(opLogical));
      const key = str(opAt.value.operationId) ?? `${address}/${verb}`;
      operations.push(
        operation(ctx, opAt, {
          id: `${serviceId}/${key}`,
          serviceId,
          key,
          action: ACTION_OF[verb],
          channelId: channel.id,
          messageIds,
          hasReply: false,
          bindings: record(opResolved.bindings ?? opAt.value.bindings),
        }),
      );
    }
    channels.push(channel);
  }

  return {
    file: ctx.document.name,
    service: buildService(ctx, serviceId, buildServers(ctx), channels, operations),
    channels,
    messages: ctx.messages,
    operations,
  };
}

function messagesOf(ctx: BuildContext, op: Located, logical: string, fallback: string) {
  const use = ctx.rawChild(op, "message");
  if (!use) return [];
  const def = ctx.follow(use);
  const oneOf = isRecord(def.value) ? def.value.oneOf : undefined;
  if (Array.isArray(oneOf)) {
    return oneOf.flatMap((_, i) => {
      const item = ctx.rawChild(def, "oneOf", i);
      return item
        ? [buildMessage(ctx, item, appendPointer(logical, "message", "oneOf", i), `${fallback}${i}`)]
        : [];
    });
  }
  return [buildMessage(ctx, use, appendPointer(logical, "message"), fallback)];
}
