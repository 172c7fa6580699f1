/** Budgets that keep hostile input from hanging the process or exhausting memory. */
export interface Limits {
  /** Largest document or `$ref`'d file read, in bytes. */
  maxFileBytes: number;
  /** YAML alias expansions allowed per file (the `yaml` library's alias-bomb guard). */
  maxAliasCount: number;
  /** Deepest nesting of mappings/sequences allowed in one file. */
  maxDepth: number;
  /** Most files one document may pull in through `$ref`s. */
  maxRefFiles: number;
  /** Wall-clock budget for the AsyncAPI parser on one document, in milliseconds. */
  timeoutMs: number;
  /** Heap budget of the parser worker, in MiB; a document that needs more fails alone. */
  maxParserHeapMb: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxFileBytes: 5 * 1024 * 1024,
  maxAliasCount: 100,
  maxDepth: 128,
  maxRefFiles: 1000,
  timeoutMs: 20_000,
  maxParserHeapMb: 1024,
});
