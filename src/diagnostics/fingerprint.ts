import { createHash } from "node:crypto";

/**
 * Line numbers are deliberately left out: an acknowledged finding must keep its fingerprint when
 * the document is reformatted or lines are inserted above it.
 */
export function fingerprint(ruleId: string, file: string, pointer: string, key = ""): string {
  return createHash("sha256").update(`${ruleId}\0${file}\0${pointer}\0${key}`).digest("hex").slice(0, 16);
}
