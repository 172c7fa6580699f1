import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { alertRules, formatRulesYaml } from "../../ops/index.js";
import type { CliIo } from "../io.js";
import { catalogFor, type KafkaCommonOptions } from "./kafka.js";

export interface MonitorRulesOptions extends Pick<KafkaCommonOptions, "prefix" | "root" | "config"> {
  out?: string;
  window?: string;
}

/** `eventline monitor rules`: Prometheus alerting rules from the catalog, to stdout or --out. */
export async function run(options: MonitorRulesOptions, io: CliIo): Promise<number> {
  const catalog = await catalogFor(options, io);
  const text = formatRulesYaml(
    alertRules(catalog, {
      ...(options.prefix !== undefined ? { prefix: options.prefix } : {}),
      ...(options.window !== undefined ? { window: options.window } : {}),
    }),
  );
  if (options.out === undefined) io.stdout(text);
  else writeFileSync(resolve(io.cwd, options.out), text);
  return 0;
}
