import { EventlineError } from "../../errors.js";
import { DEFAULT_TIMEOUT_MS, withKafka } from "../../kafka/admin/index.js";
import {
  deadLetterChannels,
  listDeadLetters,
  messagesByTopic,
  parseWhere,
  redriveDeadLetters,
  resolveDeadLetter,
  showDeadLetters,
} from "../../ops/index.js";
import { formatListJson, formatListText, formatRedriveText, formatShowText } from "../dlq-format.js";
import type { CliIo } from "../io.js";
import { brokersFrom, catalogFor, type KafkaCommonOptions, positiveInteger } from "./kafka.js";

export interface DlqOptions extends KafkaCommonOptions {
  format: "text" | "json";
}
export interface DlqShowOptions extends DlqOptions {
  limit?: string;
  error?: string;
}
export interface DlqRedriveOptions extends DlqOptions {
  to?: string;
  where?: string[];
  limit?: string;
  group?: string;
  dryRun?: boolean;
  force?: boolean;
}

function connection(options: KafkaCommonOptions, env: NodeJS.ProcessEnv) {
  return {
    brokers: brokersFrom(options, env),
    timeoutMs: positiveInteger(options.timeout, "--timeout") ?? DEFAULT_TIMEOUT_MS,
  };
}

/** `eventline dlq list`: every dead-letter channel with its depth; 0 unless the input is bad. */
export async function runList(options: DlqOptions, io: CliIo, env = process.env): Promise<number> {
  const conn = connection(options, env);
  const catalog = await catalogFor(options, io);
  const channels = deadLetterChannels(catalog, options.prefix);
  const list = await withKafka(conn, (kafka, admin) => listDeadLetters(kafka, admin, channels));
  io.stdout(options.format === "json" ? formatListJson(list) : formatListText(list));
  return 0;
}

async function existingTopic(admin: { listTopics(): Promise<string[]> }, topic: string): Promise<void> {
  if (!(await admin.listTopics()).includes(topic)) {
    throw new EventlineError(
      "INPUT_INVALID",
      `the dead-letter topic ${topic} does not exist on the cluster`,
      {
        hint: "Create the catalog's topics with `eventline kafka apply`, or check --prefix and --brokers.",
      },
    );
  }
}

/** `eventline dlq show <channel|service>`: the records with their error headers. */
export async function runShow(
  name: string,
  options: DlqShowOptions,
  io: CliIo,
  env = process.env,
): Promise<number> {
  const conn = connection(options, env);
  const limit = positiveInteger(options.limit, "--limit") ?? 20;
  const catalog = await catalogFor(options, io);
  const { topic } = resolveDeadLetter(catalog, name, options.prefix);
  const show = await withKafka(conn, async (kafka, admin) => {
    await existingTopic(admin, topic);
    return showDeadLetters(kafka, admin, topic, {
      limit,
      ...(options.error !== undefined ? { match: parseWhere([options.error]) } : {}),
    });
  });
  io.stdout(options.format === "json" ? `${JSON.stringify(show, null, 2)}\n` : formatShowText(show));
  return 0;
}

/** `eventline dlq redrive <channel>`: 0 done (skips included, they are reported), 2 bad input. */
export async function runRedrive(
  name: string,
  options: DlqRedriveOptions,
  io: CliIo,
  env = process.env,
  signal?: AbortSignal,
): Promise<number> {
  const conn = connection(options, env);
  const limit = positiveInteger(options.limit, "--limit");
  const match = options.where && options.where.length > 0 ? parseWhere(options.where) : undefined;
  const catalog = await catalogFor(options, io);
  const { topic } = resolveDeadLetter(catalog, name, options.prefix);
  const messages = messagesByTopic(catalog, options.prefix);
  const progress = process.stderr.isTTY && options.format === "text";
  const report = await withKafka(conn, async (kafka, admin) => {
    await existingTopic(admin, topic);
    return redriveDeadLetters(kafka, admin, {
      topic,
      messages,
      dryRun: options.dryRun ?? false,
      force: options.force ?? false,
      ...(options.to !== undefined
        ? { to: options.prefix !== undefined ? options.prefix + options.to : options.to }
        : {}),
      ...(options.group !== undefined ? { group: options.group } : {}),
      ...(limit !== undefined ? { limit } : {}),
      ...(match ? { match } : {}),
      ...(signal ? { signal } : {}),
      ...(progress
        ? {
            onProgress: (p) =>
              io.stderr(`\r${p.seen}/${p.total} looked at, ${p.redriven} redriven, ${p.skipped} skipped`),
          }
        : {}),
    });
  });
  if (progress) io.stderr("\n");
  io.stdout(options.format === "json" ? `${JSON.stringify(report, null, 2)}\n` : formatRedriveText(report));
  return 0;
}
