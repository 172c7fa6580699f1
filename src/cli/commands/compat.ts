import { type CliMode, fails, runCompat } from "../../compat/check/index.js";
import type { CompatProfile } from "../../compat/is-subset.js";
import type { Severity } from "../../diagnostics/index.js";
import { EventlineError } from "../../errors.js";
import type { HistoryKind } from "../../model/git-history.js";
import {
  compatReport,
  formatReport,
  type ReportFormat,
  verdictLine,
  versionsLine,
} from "../../report/index.js";
import { VERSION } from "../../version.js";
import type { CliIo } from "../io.js";

export interface CompatOptions {
  paths: string[];
  against?: string;
  transitive?: boolean;
  history?: HistoryKind;
  /** As typed: validated by runCompat. */
  maxVersions?: string;
  mode?: CliMode;
  failOn: Severity;
  format: ReportFormat;
  profile?: CompatProfile;
  lenient?: boolean;
  acknowledged?: string;
  root?: string;
  config?: string;
}

/** `eventline compat`: 0 compatible, 1 a change at or above --fail-on that is not acknowledged. */
export async function run(options: CompatOptions, io: CliIo): Promise<number> {
  const result = await runCompat({
    paths: options.paths,
    cwd: io.cwd,
    ...(options.against !== undefined ? { against: options.against } : {}),
    ...(options.transitive ? { transitive: true } : {}),
    ...(options.history !== undefined ? { history: options.history } : {}),
    ...(options.maxVersions !== undefined ? { maxVersions: maxVersions(options.maxVersions) } : {}),
    ...(options.mode !== undefined ? { mode: options.mode } : {}),
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
    ...(options.lenient ? { lenient: true } : {}),
    ...(options.acknowledged !== undefined ? { acknowledged: options.acknowledged } : {}),
    ...(options.root !== undefined ? { root: options.root } : {}),
    ...(options.config !== undefined ? { config: options.config } : {}),
  });
  const body = formatReport(compatReport(result, VERSION), options.format, { color: io.color });
  const versions = versionsLine(result);
  if (options.format === "text")
    io.stdout(`${body}${versions ? `${versions}\n` : ""}${verdictLine(result)}\n`);
  else if (options.format === "markdown")
    io.stdout(`**${verdictLine(result)}**\n\n${versions ? `${versions}\n\n` : ""}${body}`);
  else io.stdout(body);
  return fails(result.changes, options.failOn) ? 1 : 0;
}

/** `--max-versions` must be a positive integer; anything else is a usage error (exit 2). */
export function maxVersions(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1)
    throw new EventlineError("USAGE", `--max-versions must be a positive integer, got "${value}"`);
  return n;
}
