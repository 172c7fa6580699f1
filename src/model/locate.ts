import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  type LineCounter,
  type Node,
  type Document as YamlDocument,
} from "yaml";
import { parsePointer } from "../schema/pointer.js";

export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

/**
 * Maps a JSON pointer to the line/column of the node it names. For a pointer that does not exist
 * (a finding about something missing), the deepest existing ancestor is returned, which is where a
 * reader would add it.
 */
export function locateInYaml(doc: YamlDocument, lineCounter: LineCounter, pointer: string): Position {
  const segments = parsePointer(pointer) ?? [];
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === segment);
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node)) {
      const index = Number(segment);
      const item = Number.isInteger(index) ? node.items[index] : undefined;
      if (!item) break;
      offset = (item as Node).range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  const pos = lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}
