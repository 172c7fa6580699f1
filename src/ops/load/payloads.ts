import fc from "fast-check";
import { EventlineError } from "../../errors.js";
import { readPointer } from "../../runtime/pointer.js";
import type { TopicMessage } from "../topology.js";
import { emptyPool, harvest, schemaArbitrary } from "./arbitrary.js";

export interface PayloadOptions {
  seed?: number;
  /** Distinct partition-key values to spread the messages over (default 1000). */
  keys?: number;
  /** Distinct valid payloads drawn up front and cycled through (default 200). */
  poolSize?: number;
}

export interface PayloadSource {
  message: TopicMessage;
  /** The i-th payload: a valid one from the pool with the (i mod keys)-th key at the partition key. */
  payload(i: number): unknown;
  keys: number;
}

/** `value` with `key` at `pointer`: only the objects along the pointer are copied, the rest is shared. */
function setAt(value: unknown, pointer: string, key: unknown): unknown {
  const parts = pointer
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  const put = (node: unknown, i: number): unknown => {
    if (i === parts.length) return key;
    const object = (node ?? {}) as Record<string, unknown>;
    return { ...object, [parts[i]!]: put(object[parts[i]!], i + 1) };
  };
  return put(value, 0);
}

/**
 * Valid payloads for a message, drawn from its schema (the message's examples seed the draw and
 * join the pool). Every value is checked against the schema: the arbitrary is best effort.
 */
export function payloadSource(message: TopicMessage, options: PayloadOptions = {}): PayloadSource {
  const schema = message.message.payload?.resolved;
  const valid = (v: unknown) => (message.validate ? message.validate(v).length === 0 : true);
  const examples = message.message.examples.map((e) => e.payload).filter((p) => p !== undefined);
  const pool = harvest(schema, emptyPool());
  pool.values.push(...examples);
  const poolSize = options.poolSize ?? 200;
  const payloads: unknown[] = examples.filter(valid);
  if (schema !== undefined) {
    const drawn = fc.sample(schemaArbitrary(schema, schema, { pool }), {
      numRuns: poolSize * 5,
      seed: options.seed ?? 1,
    });
    for (const value of drawn) {
      if (payloads.length >= poolSize) break;
      if (valid(value)) payloads.push(value);
    }
  }
  if (payloads.length === 0) {
    throw new EventlineError(
      "INPUT_INVALID",
      `${message.message.source.file}:${message.message.source.line}: cannot draw a valid ${message.message.name} from its payload schema`,
      { hint: "Add an example payload to the message; it is used as is." },
    );
  }
  const pointer = typeof message.message.partitionKey === "string" ? message.message.partitionKey : undefined;
  const wanted = options.keys ?? 1000;
  const keys: unknown[] = [];
  if (pointer !== undefined) {
    const seen = new Set<string>();
    const candidates = fc.sample(schemaArbitrary(schema, schema, { pool }), {
      numRuns: wanted * 10,
      seed: (options.seed ?? 1) + 1,
    });
    for (const value of [...payloads, ...candidates]) {
      if (keys.length >= wanted) break;
      const key = readPointer(value, pointer);
      if (key === undefined || seen.has(JSON.stringify(key))) continue;
      if (!valid(setAt(payloads[0], pointer, key))) continue;
      seen.add(JSON.stringify(key));
      keys.push(key);
    }
  }
  return {
    message,
    keys: pointer === undefined ? 0 : keys.length,
    payload(i) {
      const base = payloads[i % payloads.length];
      if (pointer === undefined || keys.length === 0) return base;
      return setAt(base, pointer, keys[i % keys.length]);
    },
  };
}
