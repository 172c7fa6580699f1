import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Ajv } from "ajv";
import { cloudEventsType } from "../codegen/plan.js";
import { type Diagnostic, SEVERITIES, type Severity } from "../diagnostics/index.js";
import type { LintRuleInfo } from "../lint/index.js";
import type { Catalog, DeadLetter, Operation } from "../model/types.js";
import type { JsonSchemaDraft } from "../schema/ajv.js";
import { VERSION } from "../version.js";
import { clientNames } from "./client.js";
import { catalogSchema, checkExamples } from "./examples.js";
import { attachFindings, type Owner } from "./findings.js";
import { catalogSagas } from "./sagas.js";
import { uniqueSlugs } from "./slugs.js";
import {
  CATALOG_FORMAT,
  type CatalogChannel,
  type CatalogFlow,
  type CatalogJson,
  type CatalogMessage,
  type CatalogService,
} from "./types.js";

export interface BuildCatalogJsonOptions {
  /** Site title; default "Event catalog". */
  title?: string;
  /** Lint and load findings with positions resolved (`resolvePositions`). */
  diagnostics?: readonly Diagnostic[];
  /** Rule metadata, for the docs links of findings. */
  rules?: readonly LintRuleInfo[];
}

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === "string" ? value : JSON.stringify(value);
}

function sorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

function deadLetterOf(catalog: Catalog, operation: Operation, dl: DeadLetter) {
  const channel = catalog.channels.find((c) => c.serviceId === operation.serviceId && c.key === dl.channel);
  return {
    operation: operation.id,
    ...(channel ? { channel: channel.id } : {}),
    ...(channel?.topic || channel?.address ? { topic: (channel.topic ?? channel.address)! } : {}),
    ...(typeof dl.maxAttempts === "number" ? { maxAttempts: dl.maxAttempts } : {}),
  };
}

/**
 * The catalog JSON the site renders: every service, channel and message of the model with its
 * links resolved both ways, schemas expanded, examples validated, lint findings attached to the
 * resource they are about and the generated client's names. Pure apart from reading each service's
 * document text for the download link.
 */
export function buildCatalogJson(catalog: Catalog, options: BuildCatalogJsonOptions = {}): CatalogJson {
  const rules = options.rules ?? [];
  const operationsById = new Map(catalog.operations.map((o) => [o.id, o]));
  const channelsById = new Map(catalog.channels.map((c) => [c.id, c]));

  const serviceSlugs = uniqueSlugs(catalog.services.map((s) => ({ key: s.id, candidates: [s.id] })));
  const channelSlugs = uniqueSlugs(
    catalog.channels.map((c) => ({
      key: c.id,
      candidates: [c.address ?? c.key, `${c.address ?? c.key}-${c.serviceId}`, `${c.serviceId}-${c.key}`],
    })),
  );
  const serviceOfFile = new Map<string, string>();
  for (const s of catalog.services) if (!serviceOfFile.has(s.file)) serviceOfFile.set(s.file, s.id);
  const ownerOf = (file: string) => serviceOfFile.get(file) ?? "shared";
  const messageSlugs = uniqueSlugs(
    catalog.messages.map((m) => ({
      key: m.id,
      candidates: [m.name, `${m.name}-${ownerOf(m.source.file)}`, `${m.name}-${m.source.file}`],
    })),
  );

  // Who produces and consumes a message: the operations that name it, plus the other side of every
  // producer → consumer edge (a consumer in another document holds its own copy of the message).
  const producers = new Map<string, Set<string>>();
  const consumers = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, key: string, value: string) => {
    const set = map.get(key) ?? new Set<string>();
    set.add(value);
    map.set(key, set);
  };
  const messageChannels = new Map<string, Set<string>>();
  for (const op of catalog.operations) {
    for (const id of op.messageIds) {
      add(op.action === "send" ? producers : consumers, id, op.serviceId);
      add(messageChannels, id, op.channelId);
    }
  }
  for (const channel of catalog.channels)
    for (const m of channel.messages) add(messageChannels, m.messageId, channel.id);
  for (const edge of catalog.edges) {
    add(consumers, edge.producer.messageId, edge.consumer.serviceId);
    add(producers, edge.consumer.messageId, edge.producer.serviceId);
  }
  // Channels are per document; the topic joins them, so a channel page lists every service on its topic.
  const topicOf = (channelId: string) => {
    const c = channelsById.get(channelId);
    return c?.topic ?? c?.address ?? channelId;
  };
  const topicProducers = new Map<string, Set<string>>();
  const topicConsumers = new Map<string, Set<string>>();
  for (const op of catalog.operations) {
    add(op.action === "send" ? topicProducers : topicConsumers, topicOf(op.channelId), op.serviceId);
  }

  const services: CatalogService[] = catalog.services.map((s) => {
    const ops = s.operationIds.map((id) => operationsById.get(id)).filter((o): o is Operation => !!o);
    let document = "";
    try {
      document = readFileSync(join(catalog.root, s.file), "utf8");
    } catch {
      // The model was loaded from it a moment ago; a file gone since leaves the download empty.
    }
    const groups = new Map<string, { groupId: string; topic: string; operations: string[] }>();
    for (const op of ops) {
      if (op.action !== "receive") continue;
      const groupId = op.groupId ?? s.id;
      const topic = topicOf(op.channelId);
      const key = `${groupId}\u0000${topic}`;
      const group = groups.get(key) ?? { groupId, topic, operations: [] };
      group.operations.push(op.id);
      groups.set(key, group);
    }
    return {
      id: s.id,
      slug: serviceSlugs.get(s.id)!,
      title: s.title,
      ...(s.version !== undefined ? { version: s.version } : {}),
      ...(s.description !== undefined ? { description: s.description } : {}),
      ...(s.owner !== undefined ? { owner: s.owner } : {}),
      asyncapi: s.asyncapi,
      file: s.file,
      document,
      servers: s.servers.map((v) => ({
        key: v.key,
        ...(v.host !== undefined ? { host: v.host } : {}),
        ...(v.protocol !== undefined ? { protocol: v.protocol } : {}),
        ...(v.description !== undefined ? { description: v.description } : {}),
      })),
      tags: [...s.tags],
      sends: sorted(ops.filter((o) => o.action === "send").flatMap((o) => o.messageIds)),
      receives: sorted(ops.filter((o) => o.action === "receive").flatMap((o) => o.messageIds)),
      operations: ops.map((o) => o.id),
      channels: [...s.channelIds],
      consumerGroups: [...groups.values()],
      deadLetters: ops.flatMap((o) => (o.deadLetter ? [deadLetterOf(catalog, o, o.deadLetter)] : [])),
      client: clientNames(catalog, s),
      findings: [],
    };
  });

  const operationsOfChannel = new Map<string, Operation[]>();
  for (const o of catalog.operations) {
    const list = operationsOfChannel.get(o.channelId);
    if (list) list.push(o);
    else operationsOfChannel.set(o.channelId, [o]);
  }
  const channels: CatalogChannel[] = catalog.channels.map((c) => {
    const ops = operationsOfChannel.get(c.id) ?? [];
    const topic = topicOf(c.id);
    const ordering = text(c.ordering);
    return {
      id: c.id,
      slug: channelSlugs.get(c.id)!,
      serviceId: c.serviceId,
      key: c.key,
      address: c.address,
      topic: c.topic,
      ...(c.description !== undefined ? { description: c.description } : {}),
      ...(ordering !== undefined ? { ordering } : {}),
      ...(c.partitions !== undefined ? { partitions: c.partitions } : {}),
      ...(c.bindings["kafka"] !== undefined ? { kafka: c.bindings["kafka"] } : {}),
      messages: c.messages.map((m) => m.messageId),
      producers: sorted(topicProducers.get(topic) ?? []),
      consumers: sorted(topicConsumers.get(topic) ?? []),
      deadLetters: ops.flatMap((o) => (o.deadLetter ? [deadLetterOf(catalog, o, o.deadLetter)] : [])),
      idempotencyKeys: ops.flatMap((o) =>
        typeof o.idempotencyKey === "string" ? [{ operation: o.id, pointer: o.idempotencyKey }] : [],
      ),
      file: c.source.file,
      line: c.source.line,
      findings: [],
    };
  });

  const validators = new Map<JsonSchemaDraft, Ajv>();
  const messages: CatalogMessage[] = catalog.messages.map((m) => {
    const payload = m.payload ? catalogSchema(m.payload) : undefined;
    const headers = m.headers ? catalogSchema(m.headers) : undefined;
    const version = text(m.version);
    const partitionKey = text(m.partitionKey);
    const compatibility = text(m.compatibility);
    return {
      id: m.id,
      slug: messageSlugs.get(m.id)!,
      name: m.name,
      ...(m.title !== undefined ? { title: m.title } : {}),
      ...(m.summary !== undefined ? { summary: m.summary } : {}),
      ...(m.description !== undefined ? { description: m.description } : {}),
      ...(version !== undefined ? { version } : {}),
      ...(m.contentType !== undefined ? { contentType: m.contentType } : {}),
      cloudEventsType: cloudEventsType(catalog, m),
      ...(partitionKey !== undefined ? { partitionKey } : {}),
      ...(compatibility !== undefined ? { compatibility } : {}),
      tags: [...m.tags],
      ...(payload ? { payload } : {}),
      ...(headers ? { headers } : {}),
      examples: checkExamples(m, payload, headers, validators),
      channels: sorted(messageChannels.get(m.id) ?? []),
      producers: sorted(producers.get(m.id) ?? []),
      consumers: sorted(consumers.get(m.id) ?? []),
      file: m.source.file,
      line: m.source.line,
      findings: [],
    };
  });

  const owners: Owner[] = [
    ...catalog.services.map((s, i) => ({ source: s.source, findings: services[i]!.findings })),
    ...catalog.channels.map((c, i) => ({ source: c.source, findings: channels[i]!.findings })),
    ...catalog.messages.map((m, i) => ({ source: m.source, findings: messages[i]!.findings })),
  ];
  const serviceIndex = new Map(catalog.services.map((s, i) => [s.id, i]));
  for (const op of catalog.operations) {
    const i = serviceIndex.get(op.serviceId);
    if (i !== undefined) owners.push({ source: op.source, findings: services[i]!.findings });
  }
  const diagnostics = options.diagnostics ?? [];
  const other = attachFindings(diagnostics, owners, rules);
  const summary = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const d of diagnostics) summary[d.severity]++;

  return {
    format: CATALOG_FORMAT,
    title: options.title ?? "Event catalog",
    generator: { name: "eventline", version: VERSION },
    documents: [...catalog.documents],
    services,
    channels,
    messages,
    operations: catalog.operations.map((o) => ({
      id: o.id,
      serviceId: o.serviceId,
      key: o.key,
      action: o.action,
      channelId: o.channelId,
      messageIds: [...o.messageIds],
      ...(o.summary !== undefined ? { summary: o.summary } : {}),
      ...(o.groupId !== undefined ? { groupId: o.groupId } : {}),
      ...(o.reply
        ? {
            reply: {
              ...(o.reply.channelId !== undefined ? { channelId: o.reply.channelId } : {}),
              messageIds: [...o.reply.messageIds],
            },
          }
        : {}),
    })),
    edges: catalog.edges.map((e) => ({
      producer: e.producer.serviceId,
      consumer: e.consumer.serviceId,
      channelId: operationsById.get(e.producer.operationId)?.channelId ?? "",
      consumerChannelId: operationsById.get(e.consumer.operationId)?.channelId ?? "",
      messageId: e.producer.messageId,
    })),
    flows: requestReplyFlows(catalog, uniqueSlugs),
    sagas: catalogSagas(catalog),
    lint: {
      summary,
      rules: rules.map((r) => ({ id: r.id, description: r.description, docs: r.docs })),
      other,
    },
  };
}

/**
 * Request/reply exchanges: an operation with a `reply` and the services on the other side of its
 * edges. The requester sends the request, the responder answers with the reply messages.
 */
function requestReplyFlows(catalog: Catalog, slugs: typeof uniqueSlugs): CatalogFlow[] {
  const flows = new Map<string, Omit<CatalogFlow, "slug">>();
  for (const op of catalog.operations) {
    if (!op.reply) continue;
    const pairs =
      op.action === "send"
        ? catalog.edges
            .filter((e) => e.producer.operationId === op.id)
            .map((e) => ({ requester: op.serviceId, responder: e.consumer.serviceId, request: e.producer }))
        : catalog.edges
            .filter((e) => e.consumer.operationId === op.id)
            .map((e) => ({ requester: e.producer.serviceId, responder: op.serviceId, request: e.producer }));
    for (const { requester, responder, request } of pairs) {
      const requestMessage = catalog.messages.find((m) => m.id === request.messageId);
      const requestChannel =
        catalog.operations.find((o) => o.id === request.operationId)?.channelId ?? op.channelId;
      const id = `${requester} ${responder} ${request.messageId}`;
      if (flows.has(id)) continue;
      const replyChannel = op.reply.channelId ?? op.channelId;
      flows.set(id, {
        id,
        title: `${requestMessage?.name ?? "request"}: ${requester} → ${responder}`,
        steps: [
          {
            from: requester,
            to: responder,
            messageId: request.messageId,
            channelId: requestChannel,
            kind: "request",
          },
          ...op.reply.messageIds.map((messageId) => ({
            from: responder,
            to: requester,
            messageId,
            channelId: replyChannel,
            kind: "reply" as const,
          })),
        ],
      });
    }
  }
  const list = [...flows.values()];
  const names = slugs(list.map((f) => ({ key: f.id, candidates: [f.title] })));
  return list.map((f) => ({ ...f, slug: names.get(f.id)! })).sort((a, b) => a.slug.localeCompare(b.slug));
}
