// Small helpers for tests that wait on asynchronous consumers.

/** Resolves once `condition` holds; rejects after `ms` with "timed out waiting for <what>". */
export async function until(
  condition: () => boolean | Promise<boolean>,
  options: { ms?: number; what?: string | (() => string); every?: number } = {},
): Promise<void> {
  const deadline = Date.now() + (options.ms ?? 5_000);
  while (!(await condition())) {
    if (Date.now() > deadline) {
      const what = typeof options.what === "function" ? options.what() : (options.what ?? "the condition");
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, options.every ?? 5));
  }
}

/** A promise that resolves when the test calls `open()`. */
export function gate(): { open: () => void; opened: Promise<void> } {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((r) => {
    open = r;
  });
  return { open, opened };
}

/** What `fn` throws, or undefined. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}
