// JSON type sets of a writer and a reader at one place.
import type { JsonType, SchemaObject } from "../schema-walk.js";
import { typesOf } from "../schema-walk.js";

export interface TypeComparison {
  /** Types both accept: their keywords are compared. */
  shared: Set<JsonType>;
  /** Types the writer may send and the reader does not accept at all. */
  refused: JsonType[];
  /** The writer may send non-integer numbers where the reader accepts integers only. */
  nonIntegers: boolean;
}

export function compareTypeSets(ws: SchemaObject, rs: SchemaObject, confluent: boolean): TypeComparison {
  const tw = typesOf(ws);
  const tr = typesOf(rs);
  const shared = new Set<JsonType>();
  const refused: JsonType[] = [];
  let nonIntegers = false;
  for (const t of tw) {
    if (tr.has(t)) shared.add(t);
    // ajv accepts a number under `multipleOf: 1` only when it is an integer below 1e21.
    else if (t === "number" && tr.has("integer") && ws.multipleOf === 1 && !confluent) continue;
    else if (t === "number" && tr.has("integer")) nonIntegers = true;
    else if (t !== "integer" || !tw.has("number")) refused.push(t);
  }
  return { shared, refused, nonIntegers };
}
