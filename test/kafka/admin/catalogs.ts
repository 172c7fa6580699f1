import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface ServiceSpec {
  /** File name under asyncapi/ and service title. */
  name: string;
  /** Topic of the events channel. */
  topic: string;
  partitions?: number;
  replicas?: number;
  /** Extra `topicConfiguration` lines, already indented for their place. */
  topicConfiguration?: Record<string, string>;
  groupId?: string;
  /** Topic of the dead-letter channel (no Kafka binding: the plan's default partitions apply). */
  deadLetterTopic?: string;
}

/** A small AsyncAPI 3.0 document for one service: one events channel it receives, one dead-letter channel. */
export function serviceDocument(spec: ServiceSpec): string {
  const binding = [
    "    bindings:",
    "      kafka:",
    ...(spec.partitions !== undefined ? [`        partitions: ${spec.partitions}`] : []),
    ...(spec.replicas !== undefined ? [`        replicas: ${spec.replicas}`] : []),
    ...(spec.topicConfiguration
      ? [
          "        topicConfiguration:",
          ...Object.entries(spec.topicConfiguration).map(([k, v]) => `          ${k}: ${v}`),
        ]
      : []),
    "        bindingVersion: '0.5.0'",
  ];
  return [
    "asyncapi: 3.0.0",
    "info:",
    `  title: ${spec.name}`,
    "  version: 1.0.0",
    "servers:",
    "  local:",
    "    host: 127.0.0.1:9092",
    "    protocol: kafka",
    "channels:",
    "  events:",
    `    address: ${spec.topic}`,
    "    messages:",
    "      Happened:",
    "        $ref: '#/components/messages/Happened'",
    ...binding,
    "  deadLetter:",
    `    address: ${spec.deadLetterTopic ?? `${spec.name}.dead-letter`}`,
    "    messages: {}",
    "operations:",
    "  receiveHappened:",
    "    action: receive",
    "    channel:",
    "      $ref: '#/channels/events'",
    "    messages:",
    "      - $ref: '#/channels/events/messages/Happened'",
    "    bindings:",
    "      kafka:",
    "        groupId:",
    "          type: string",
    `          enum: [${spec.groupId ?? `${spec.name}-service`}]`,
    "        bindingVersion: '0.5.0'",
    "    x-eventline-dead-letter:",
    "      channel: deadLetter",
    "      maxAttempts: 3",
    "components:",
    "  messages:",
    "    Happened:",
    "      name: Happened",
    "      payload:",
    "        type: object",
    "",
  ].join("\n");
}

export interface TempCatalog {
  root: string;
  remove(): void;
}

/** A project root with asyncapi/<name>.yaml per service (and any extra files, path → text). */
export function tempCatalog(services: ServiceSpec[], extra: Record<string, string> = {}): TempCatalog {
  const root = mkdtempSync(join(tmpdir(), "eventline-kafka-test-"));
  mkdirSync(join(root, "asyncapi"));
  for (const spec of services)
    writeFileSync(join(root, "asyncapi", `${spec.name}.yaml`), serviceDocument(spec));
  // Tests share two cores with other suites' parser workers: a generous parser budget keeps a loaded
  // machine from turning into a `parser-timeout` that has nothing to do with Kafka.
  writeFileSync(join(root, "eventline.config.yaml"), "limits:\n  timeoutMs: 300000\n");
  for (const [path, text] of Object.entries(extra)) writeFileSync(join(root, path), text);
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** 1-based line of the first line of `file` that equals `text` after trimming. */
export function lineOf(fileText: string, text: string): number {
  const index = fileText.split("\n").findIndex((l) => l.trim() === text);
  if (index < 0) throw new Error(`no line ${JSON.stringify(text)}`);
  return index + 1;
}
