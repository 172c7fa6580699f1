import type { Pair, Sites } from "../rule-types.js";
import type { At, SchemaObject } from "../schema-walk.js";

/** The comparison as the combinator handlers drive it (engine/combinators.ts). */
export interface Walker {
  readonly writerRoot: unknown;
  readonly readerRoot: unknown;
  readonly confluent: boolean;
  /** Compares a writer subschema with a reader subschema, reporting what it finds. */
  sub(w: At, r: At): void;
  /** Compares without reporting: true when nothing would be found. */
  holds(w: At, r: At): boolean;
  /** Both accept the same values, each in its own document. */
  equivalent(w: At, r: At): boolean;
  /** Asks the rules of a pair's site; true when one reported. */
  runPair<S extends "choice" | "not" | "conditional">(site: S, view: Sites[S]): boolean;
  /** The pair as rules see it. */
  pair(w: At, r: At, ws: SchemaObject, rs: SchemaObject): Pair;
}
