import { EventlineError } from "../../errors.js";
import { DEFAULT_TIMEOUT_MS, withAdmin } from "../../kafka/admin/index.js";
import { parseFrom, replay, resolveChannelTopic } from "../../ops/index.js";
import type { CliIo } from "../io.js";
import { formatReplayText } from "../replay-format.js";
import { brokersFrom, catalogFor, type KafkaCommonOptions, positiveInteger } from "./kafka.js";

export interface ReplayCommandOptions extends KafkaCommonOptions {
  channel: string;
  group: string;
  from?: string;
  toGroup?: string;
  dryRun?: boolean;
  format: "text" | "json";
}

/** `eventline replay`: 0 moved (or planned), 2 bad input or a group with active members. */
export async function run(options: ReplayCommandOptions, io: CliIo, env = process.env): Promise<number> {
  const brokers = brokersFrom(options, env);
  const timeoutMs = positiveInteger(options.timeout, "--timeout") ?? DEFAULT_TIMEOUT_MS;
  if (options.from !== undefined) parseFrom(options.from);
  else if (options.toGroup === undefined)
    throw new EventlineError("USAGE", "replay needs --from, --to-group, or both");
  const catalog = await catalogFor(options, io);
  const topic = resolveChannelTopic(catalog, options.channel, options.prefix);
  const plan = await withAdmin({ brokers, timeoutMs }, (admin) =>
    replay(admin, {
      topic,
      group: options.group,
      dryRun: options.dryRun ?? false,
      ...(options.from !== undefined ? { from: options.from } : {}),
      ...(options.toGroup !== undefined ? { toGroup: options.toGroup } : {}),
    }),
  );
  io.stdout(options.format === "json" ? `${JSON.stringify(plan, null, 2)}\n` : formatReplayText(plan));
  return 0;
}
