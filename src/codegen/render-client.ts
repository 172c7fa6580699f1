import { commentText, pascalIdentifier, stringLiteral } from "./names.js";
import type { PlannedConsumer, PlannedMessage, ServicePlan } from "./plan.js";

/** Type and validator names of a planned message (from the schema bundle). */
export interface MessageTypes {
  payload: string;
  headers?: string;
  validatePayload?: string;
  validateHeaders?: string;
}

export interface ClientInput {
  plan: ServicePlan;
  types: (message: PlannedMessage) => MessageTypes;
  /** Import specifier of the runtime, `eventline/runtime` unless told otherwise. */
  runtimeImport: string;
}

function docComment(lines: (string | undefined)[], indent: string): string {
  const text = lines.filter((l): l is string => l !== undefined && l.trim() !== "");
  if (text.length === 0) return "";
  const body = text
    .flatMap((l) => commentText(l).trim().split("\n"))
    .map((l) => `${indent} *${l === "" ? "" : ` ${l}`}`);
  return `${indent}/**\n${body.join("\n")}\n${indent} */\n`;
}

function specLiteral(m: PlannedMessage, t: MessageTypes, indent: string): string {
  const fields = [
    `name: ${stringLiteral(m.member)}`,
    `topic: ${stringLiteral(m.topic)}`,
    `type: ${stringLiteral(m.type)}`,
    m.partitionKey !== undefined ? `partitionKey: ${stringLiteral(m.partitionKey)}` : undefined,
    m.contentType !== undefined ? `contentType: ${stringLiteral(m.contentType)}` : undefined,
    m.idempotencyKey !== undefined ? `idempotencyKey: ${stringLiteral(m.idempotencyKey)}` : undefined,
    t.validatePayload ? `validatePayload: fromAjv(${t.validatePayload})` : undefined,
    t.validateHeaders ? `validateHeaders: fromAjv(${t.validateHeaders})` : undefined,
  ].filter(Boolean);
  return `{\n${fields.map((f) => `${indent}  ${f},`).join("\n")}\n${indent}}`;
}

function contractLiteral(plan: ServicePlan, types: ClientInput["types"]): string {
  const message = (m: PlannedMessage, indent: string) => {
    const t = types(m);
    const fields = [
      `message: ${stringLiteral(m.messageName)}`,
      `topic: ${stringLiteral(m.topic)}`,
      `type: ${stringLiteral(m.type)}`,
      m.partitionKey !== undefined ? `partitionKey: ${stringLiteral(m.partitionKey)}` : undefined,
      `payloadSchema: ${stringLiteral(t.payload)}`,
      t.headers ? `headersSchema: ${stringLiteral(t.headers)}` : undefined,
    ].filter(Boolean);
    return `{\n${fields.map((f) => `${indent}  ${f},`).join("\n")}\n${indent}}`;
  };
  const sends = plan.sends.map((m) => `    ${stringLiteral(m.member)}: ${message(m, "    ")},`).join("\n");
  const consumers = plan.consumers
    .map((c) => {
      const fields = [
        `groupId: ${stringLiteral(c.groupId)}`,
        `topic: ${stringLiteral(c.topic)}`,
        `operations: [${c.operations.map(stringLiteral).join(", ")}]`,
        `messages: {\n${c.messages.map((m) => `        ${stringLiteral(m.member)}: ${message(m, "        ")},`).join("\n")}\n      }`,
        c.deadLetter
          ? `deadLetter: { topic: ${stringLiteral(c.deadLetter.topic)}, maxAttempts: ${c.deadLetter.maxAttempts} }`
          : undefined,
        `ignoredTypes: [${c.ignoreTypes.map(stringLiteral).join(", ")}]`,
      ].filter(Boolean);
      return `    {\n${fields.map((f) => `      ${f},`).join("\n")}\n    },`;
    })
    .join("\n");
  return [
    "export const contract = {",
    `  service: ${stringLiteral(plan.service.id)},`,
    `  title: ${stringLiteral(plan.service.title)},`,
    `  source: ${stringLiteral(plan.source)},`,
    `  sends: {${sends ? `\n${sends}\n  ` : ""}},`,
    `  consumers: [${consumers ? `\n${consumers}\n  ` : ""}],`,
    "} as const;",
  ].join("\n");
}

/** One topic of a consumer group, as the runtime's `ConsumerRoute`. */
function routeLiteral(c: PlannedConsumer, types: ClientInput["types"]): string {
  const fields = [
    `topic: ${stringLiteral(c.topic)}`,
    `messages: [\n${c.messages.map((m) => `          ${specLiteral(m, types(m), "          ")},`).join("\n")}\n        ]`,
    c.deadLetter
      ? `deadLetter: { topic: ${stringLiteral(c.deadLetter.topic)}, maxAttempts: ${c.deadLetter.maxAttempts} }`
      : undefined,
    `ignoreTypes: [${c.ignoreTypes.map(stringLiteral).join(", ")}]`,
  ].filter(Boolean);
  return `      {\n${fields.map((f) => `        ${f},`).join("\n")}\n      },`;
}

/**
 * One consumer per consumer group, over all of the group's topics: on Kafka every member of a group
 * must subscribe to the same topics (kafkajs's leader assigns only its own), so a consumer per topic
 * in one group would leave partitions unread.
 */
function consumerGroupLiterals(plan: ServicePlan, types: ClientInput["types"]): string[] {
  const groups = new Map<string, PlannedConsumer[]>();
  for (const c of plan.consumers) groups.set(c.groupId, [...(groups.get(c.groupId) ?? []), c]);
  return [...groups].map(
    ([groupId, routes]) =>
      `  {\n    groupId: ${stringLiteral(groupId)},\n    routes: [\n${routes.map((c) => routeLiteral(c, types)).join("\n")}\n    ],\n  },`,
  );
}

/** The typed client module of one service: contract, publish methods, consume registrations. */
export function renderClient({ plan, types, runtimeImport }: ClientInput): string {
  const prefix = pascalIdentifier(plan.service.id);
  const received = plan.consumers.flatMap((c) => c.messages);
  const all = [...plan.sends, ...received];
  const typeNames = new Set<string>();
  const validators = new Set<string>();
  for (const m of all) {
    const t = types(m);
    if (t.payload !== "unknown") typeNames.add(t.payload);
    if (t.headers) typeNames.add(t.headers);
    if (t.validatePayload) validators.add(t.validatePayload);
    if (t.validateHeaders) validators.add(t.validateHeaders);
  }
  const headersOf = (m: PlannedMessage) => types(m).headers ?? "Record<string, string>";
  const out: string[] = [];
  out.push(
    "import {",
    "  assertHandlers,",
    "  type ConsumedEvent,",
    "  type Consumer,",
    "  type ConsumerRoute,",
    "  type ConsumerStats,",
    "  createConsumer,",
    "  createPublisher,",
    "  fromAjv,",
    "  type IdempotencyStore,",
    "  type MessageSpec,",
    "  type Published,",
    "  type RetryPolicy,",
    "  type Subscription,",
    "  type Transport,",
    `} from ${stringLiteral(runtimeImport)};`,
  );
  if (typeNames.size > 0) out.push(`import type { ${[...typeNames].sort().join(", ")} } from "./types.js";`);
  if (validators.size > 0)
    out.push(`import { ${[...validators].sort().join(", ")} } from "./validators.js";`);
  out.push(
    "",
    docComment(
      [
        `What the ${plan.service.id} service sends and receives, as the contract declares it: topics, CloudEvents types,`,
        "partition keys, consumer groups, dead letters. Tests and the property-testing harness read it.",
      ],
      "",
    ) + contractLiteral(plan, types),
    "",
    `export interface ${prefix}PublishOptions<H> {`,
    "  /** Headers the message declares beyond the CloudEvents ones (which the runtime fills in). */",
    "  headers?: Partial<H>;",
    "  /** CloudEvents id; default: a new UUID. Keep it stable when retrying a publish. */",
    "  id?: string;",
    "  subject?: string;",
    "  time?: Date;",
    "}",
    "",
    "/** A validated message as the handler receives it. */",
    `export type ${prefix}Event<P, H, Tx> = Omit<ConsumedEvent<P>, "headers" | "transaction"> & {`,
    "  headers: Readonly<H & Record<string, string>>;",
    "  /** The idempotency store's transaction (the PostgreSQL inbox's client inside BEGIN), else undefined. */",
    "  transaction: Tx;",
    "};",
    "",
    `export type ${prefix}Handler<P, H, Tx> = (event: ${prefix}Event<P, H, Tx>) => Promise<void> | void;`,
    "",
    `export interface ${prefix}ClientOptions<Tx = undefined> {`,
    "  transport: Transport;",
    `  /** CloudEvents source of what this client publishes. Default: ${commentText(plan.source)} */`,
    "  source?: string;",
    "  /** Where processed message ids are remembered; without one, redeliveries reach the handlers again. */",
    "  idempotency?: IdempotencyStore<Tx>;",
    "  retry?: RetryPolicy;",
    "  now?: () => Date;",
    "}",
    "",
  );

  out.push(`export interface ${prefix}Publish {`);
  for (const m of plan.sends) {
    const t = types(m);
    out.push(
      docComment(
        [
          m.summary,
          m.description,
          `Topic \`${m.topic}\`, CloudEvents type \`${m.type}\`${m.partitionKey ? `, key from \`${m.partitionKey}\`` : ""}.`,
        ],
        "  ",
      ) +
        `  ${JSON.stringify(m.member)}(payload: ${t.payload}, options?: ${prefix}PublishOptions<${headersOf(m)}>): Promise<Published>;`,
    );
  }
  out.push("}", "");

  // Required keys: a received message without a handler is a compile error, not a failed start.
  out.push(
    "/** A handler for every message the service receives: the contract says each of them arrives. */",
    `export interface ${prefix}Handlers<Tx> {`,
  );
  // A message several receive operations take (other groups, other channels) has one handler: the
  // runtime looks handlers up by message name.
  const handled = new Map<string, typeof received>();
  for (const m of received) handled.set(m.member, [...(handled.get(m.member) ?? []), m]);
  for (const [, uses] of handled) {
    const m = uses[0]!;
    const t = types(m);
    const topics = [...new Set(uses.map((u) => `\`${u.topic}\``))].join(", ");
    out.push(
      docComment([m.summary, m.description, `Consumed from ${topics}.`], "  ") +
        `  ${JSON.stringify(m.member)}: ${prefix}Handler<${t.payload}, ${headersOf(m)}, Tx>;`,
    );
  }
  out.push("}", "");

  out.push(
    `export interface ${prefix}Client<Tx = undefined> {`,
    "  readonly contract: typeof contract;",
    `  readonly publish: ${prefix}Publish;`,
    "  /**",
    "   * Starts one consumer per consumer group, reading all of the group's topics (every instance of the",
    "   * service must, for Kafka to assign them all), with these handlers: one for every message the service",
    "   * receives (HANDLER_MISSING, naming each one missing, when called without them from JavaScript).",
    "   */",
    `  start(handlers: ${prefix}Handlers<Tx>): Subscription;`,
    "  /** Stops the consumers (in-flight messages finish and commit). */",
    "  stop(): Promise<void>;",
    "  /** Counters of the running consumers, by consumer group. */",
    "  stats(): Record<string, Readonly<ConsumerStats>>;",
    "}",
    "",
    "const sends: MessageSpec[] = [",
    ...plan.sends.map((m) => `  ${specLiteral(m, types(m), "  ")},`),
    "];",
    "",
    "interface ConsumerGroupSpec {",
    "  groupId: string;",
    "  /** One route per topic: its receive operations' messages, dead-letter channel and ignored types. */",
    "  routes: ConsumerRoute[];",
    "}",
    "",
    "const consumerGroups: ConsumerGroupSpec[] = [",
    ...consumerGroupLiterals(plan, types),
    "];",
    "",
    docComment(
      [
        `A typed client for the ${plan.service.id} service: it can publish only what the contract says the service`,
        "sends and consume only what it receives; payloads and headers are validated by precompiled validators.",
      ],
      "",
    ) +
      `export function ${plan.factory}<Tx = undefined>(options: ${prefix}ClientOptions<Tx>): ${prefix}Client<Tx> {`,
    "  const publisher = createPublisher({",
    "    transport: options.transport,",
    "    source: options.source ?? contract.source,",
    "    messages: sends,",
    "    ...(options.now ? { now: options.now } : {}),",
    "  });",
    "  const publishAs =",
    "    (name: string) =>",
    "    (payload: unknown, publishOptions: { headers?: object; id?: string; subject?: string; time?: Date } = {}) =>",
    "      publisher.publish(name, payload, publishOptions as { headers?: Record<string, string> });",
    "  const running: { groupId: string; consumer: Consumer; subscription: Subscription }[] = [];",
    "  const publish = {",
    ...plan.sends.map((m) => `    ${stringLiteral(m.member)}: publishAs(${stringLiteral(m.member)}),`),
    "  };",
    "  return {",
    "    contract,",
    `    publish: publish as unknown as ${prefix}Publish,`,
    "    start(given) {",
    "      const handlers = given as unknown as Record<string, (event: ConsumedEvent) => Promise<void> | void>;",
    "      // Checked across all groups before any starts, so every missing handler is named at once.",
    "      assertHandlers(",
    `        ${stringLiteral(`${plan.service.id} client`)},`,
    "        consumerGroups.flatMap((group) => group.routes.flatMap((r) => r.messages.map((m) => m.name))),",
    "        handlers,",
    "      );",
    "      for (const group of consumerGroups) {",
    "        if (running.some((r) => r.groupId === group.groupId)) continue;",
    "        const messages = group.routes.flatMap((r) => r.messages);",
    "        const consumer = createConsumer({",
    "          transport: options.transport,",
    "          groupId: group.groupId,",
    "          routes: group.routes,",
    "          handlers: Object.fromEntries(messages.map((m) => [m.name, handlers[m.name]!])),",
    "          ...(options.idempotency ? { idempotency: options.idempotency } : {}),",
    "          ...(options.retry ? { retry: options.retry } : {}),",
    "        });",
    "        running.push({ groupId: group.groupId, consumer, subscription: consumer.start() });",
    "      }",
    "      const subscriptions = running.map((r) => r.subscription);",
    "      return {",
    "        done: Promise.all(subscriptions.map((s) => s.done)).then(() => undefined),",
    "        stop: async () => {",
    "          await Promise.all(subscriptions.map((s) => s.stop()));",
    "        },",
    "      };",
    "    },",
    "    async stop() {",
    "      await Promise.all(running.map((r) => r.subscription.stop()));",
    "      running.length = 0;",
    "    },",
    "    stats() {",
    "      return Object.fromEntries(running.map((r) => [r.groupId, r.consumer.stats]));",
    "    },",
    "  };",
    "}",
    "",
  );
  return out.join("\n");
}
