import type * as ParserPoolModule from "../../src/model/parser-pool.js";

/**
 * The parser-pool module with `sharedParserPool` wrapped so that every document handed to the AsyncAPI
 * parser is recorded in `parsed`: tests use it to prove a cache hit, or a refusal before parsing.
 * For `vi.mock("…/parser-pool.js", async (orig) => countingPool(await orig(), parsed))`.
 */
export function countingPool(original: typeof ParserPoolModule, parsed: string[]): typeof ParserPoolModule {
  return {
    ...original,
    sharedParserPool: (size, heapMb) => {
      const pool = original.sharedParserPool(size, heapMb);
      return {
        parse: (text, source, timeoutMs, files) => {
          parsed.push(source);
          return pool.parse(text, source, timeoutMs, files);
        },
        warm: (count, version) => pool.warm(count, version),
        close: () => pool.close(),
      };
    },
  };
}
