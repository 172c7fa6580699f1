import { type BuildContext, eventlineExtensions, isRecord, record, str, tagNames } from "./build-context.js";
import type { Channel, Operation, Server, Service } from "./types.js";

export function buildServers(ctx: BuildContext): Server[] {
  const root = ctx.rootLocated;
  const servers = record(record(root.value).servers);
  return Object.keys(servers).flatMap((key) => {
    const at = ctx.child(root, "servers", key);
    if (!at || !isRecord(at.value)) return [];
    const v = at.value;
    const server: Server = { key, source: ctx.location(at) };
    // 3.x splits host and pathname; 2.x has a url.
    const host = str(v.host) ?? str(v.url);
    if (host !== undefined) server.host = host;
    if (typeof v.protocol === "string") server.protocol = v.protocol;
    if (typeof v.description === "string") server.description = v.description;
    return [server];
  });
}

export function buildService(
  ctx: BuildContext,
  id: string,
  servers: Server[],
  channels: Channel[],
  operations: Operation[],
): Service {
  const root = ctx.rootLocated;
  const raw = record(root.value);
  const info = record(raw.info);
  const service: Service = {
    id,
    title: str(info.title) ?? ctx.document.name,
    asyncapi: String(raw.asyncapi ?? ""),
    file: ctx.document.name,
    servers,
    channelIds: channels.map((c) => c.id),
    operationIds: operations.map((o) => o.id),
    tags: tagNames(info.tags ?? raw.tags),
    source: ctx.location(root),
    // `info` holds x-eventline-owner by convention; keys at the root win on a clash.
    extensions: { ...prefixed(eventlineExtensions(info), "info/"), ...eventlineExtensions(raw) },
  };
  const version = str(info.version);
  if (version !== undefined) service.version = version;
  const description = str(info.description);
  if (description !== undefined) service.description = description;
  const owner = str(info["x-eventline-owner"]) ?? str(raw["x-eventline-owner"]);
  if (owner !== undefined) service.owner = owner;
  if ("x-eventline-compatibility" in raw) service.compatibility = raw["x-eventline-compatibility"];
  return service;
}

function prefixed(entries: Record<string, unknown>, prefix: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entries).map(([k, v]) => [`${prefix}${k}`, v]));
}
