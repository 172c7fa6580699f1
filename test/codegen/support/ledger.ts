// A small service whose one consumer group receives two topics, each receive operation with its own
// dead-letter channel and attempts: the shape of the example's orders-service, with topic names a test
// chooses (unique per run on a shared broker).
import type { ConsumerStats } from "../../../src/runtime/consumer.js";
import type { Subscription, Transport } from "../../../src/runtime/transport.js";

export type LedgerHandler = (event: { payload: { id: string }; attempt: number }) => unknown;

/** The part of the generated ledger client the tests use. */
export interface LedgerClient {
  publish: Record<string, (payload: unknown) => Promise<unknown>>;
  /** One handler per received message (EntryA, EntryB). */
  start(handlers: Record<string, LedgerHandler>): Subscription;
  stop(): Promise<void>;
  stats(): Record<string, Readonly<ConsumerStats>>;
}
export type LedgerModule = Record<
  string,
  (options: { transport: Transport; retry?: object }) => LedgerClient
>;

/** The generated module's client factory. */
export function ledgerFactory(module: LedgerModule) {
  return Object.entries(module).find(([name]) => /^create\w+Client$/.test(name))![1];
}

/**
 * Messages EntryA on `a` (dead letters to `<a>.dead` after 2 attempts) and EntryB on `b` (to
 * `<b>.dead` after 3), both received by group `group`, both sent by the service too; 3 partitions each.
 */
export function ledgerDocument(names: { a: string; b: string; group: string }): string {
  const channel = (address: string, message?: string) => `
    address: ${address}
    messages: {${message ? ` ${message}: { $ref: '#/components/messages/${message}' } ` : ""}}
    bindings: { kafka: { partitions: 3, bindingVersion: '0.5.0' } }`;
  const receive = (channel: string, message: string, dead: string, attempts: number) => `
    action: receive
    channel: { $ref: '#/channels/${channel}' }
    messages: [{ $ref: '#/channels/${channel}/messages/${message}' }]
    bindings: { kafka: { groupId: { type: string, enum: [${names.group}] }, bindingVersion: '0.5.0' } }
    x-eventline-dead-letter: { channel: ${dead}, maxAttempts: ${attempts} }`;
  const message = (name: string) => `
    ${name}:
      name: ${name}
      contentType: application/json
      x-eventline-partition-key: /id
      payload: { type: object, required: [id], properties: { id: { type: string } } }`;
  return `asyncapi: 3.0.0
info: { title: Ledger service, version: 1.0.0 }
channels:
  aEvents: ${channel(names.a, "EntryA")}
  bEvents: ${channel(names.b, "EntryB")}
  aDead: ${channel(`${names.a}.dead`)}
  bDead: ${channel(`${names.b}.dead`)}
operations:
  sendA: { action: send, channel: { $ref: '#/channels/aEvents' }, messages: [{ $ref: '#/channels/aEvents/messages/EntryA' }] }
  sendB: { action: send, channel: { $ref: '#/channels/bEvents' }, messages: [{ $ref: '#/channels/bEvents/messages/EntryB' }] }
  receiveA: ${receive("aEvents", "EntryA", "aDead", 2)}
  receiveB: ${receive("bEvents", "EntryB", "bDead", 3)}
components:
  messages: ${message("EntryA")}${message("EntryB")}
`;
}
