/**
 * Runtime failures, recognised by `code` (as kafkajs does). The runtime is an island: it does not
 * import the toolkit's errors so generated code can depend on it alone.
 */
export class EventlineRuntimeError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "EventlineRuntimeError";
    this.code = code;
  }
}

export function isEventlineRuntimeError(value: unknown): value is EventlineRuntimeError {
  return (
    value instanceof Error &&
    value.name === "EventlineRuntimeError" &&
    typeof (value as { code?: unknown }).code === "string"
  );
}
