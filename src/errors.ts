/**
 * The small, closed set of failures Eventline reports as errors rather than diagnostics.
 * Callers recognise them by `code`, never by message text or class identity (two copies of the
 * package in one process must still agree).
 */
export const ERROR_CODES = [
  "USAGE",
  "CONFIG_INVALID",
  "INPUT_NOT_FOUND",
  "INPUT_INVALID",
  "INTERNAL",
] as const;

/**
 * One of {@link ERROR_CODES}: `USAGE`, `CONFIG_INVALID`, `INPUT_NOT_FOUND` and `INPUT_INVALID` are the
 * user's to fix (the CLI exits 2), `INTERNAL` is a bug in Eventline (exit 3).
 */
export type EventlineErrorCode = (typeof ERROR_CODES)[number];

export interface EventlineErrorOptions {
  file?: string;
  line?: number;
  column?: number;
  hint?: string;
  cause?: unknown;
}

/**
 * A failure the toolkit throws instead of reporting a finding: a usage, configuration or input error,
 * with `file`, `line` and `column` when one file is at fault and a `hint` on what to do. Problems in
 * the documents themselves are findings in a report, not errors.
 */
export class EventlineError extends Error {
  readonly code: EventlineErrorCode;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly hint?: string;

  constructor(code: EventlineErrorCode, message: string, options: EventlineErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "EventlineError";
    this.code = code;
    if (options.file !== undefined) this.file = options.file;
    if (options.line !== undefined) this.line = options.line;
    if (options.column !== undefined) this.column = options.column;
    if (options.hint !== undefined) this.hint = options.hint;
  }
}

/**
 * Whether `value` is an {@link EventlineError}, also one thrown by another copy of the package in the
 * same process (recognised by name and code, not by class identity).
 */
export function isEventlineError(value: unknown): value is EventlineError {
  if (!(value instanceof Error) || value.name !== "EventlineError") return false;
  const code: unknown = (value as unknown as { code?: unknown }).code;
  return typeof code === "string" && (ERROR_CODES as readonly string[]).includes(code);
}

/** Exit code for a failure: 2 for anything the user can fix, 3 for our own bugs. */
export function exitCodeFor(error: unknown): 2 | 3 {
  return isEventlineError(error) && error.code !== "INTERNAL" ? 2 : 3;
}
