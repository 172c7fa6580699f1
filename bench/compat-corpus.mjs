// The third-party compatibility cases of bench/compat.mjs, read in place from ../shared/corpus/compat
// (Confluent's files are under the Confluent Community License: never copied into this repository).
// Same reading as test/compat/corpus.ts.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

export const CONFLUENT_FILES = [
  "confluent/diff-schema-examples.json",
  "confluent/diff-schema-examples-2020-12.json",
  "confluent/diff-combined-schema-examples.json",
  "confluent/diff-combined-schema-examples-2020-12.json",
];
export const APICURIO_FILE = "apicurio/json-compatibility-test-data.json";

/** One Confluent file has a trailing comma; YAML 1.2 reads it once the commas are dropped. */
function readLenient(path) {
  const text = readFileSync(path, "utf8");
  try {
    return JSON.parse(text);
  } catch {
    return parse(text.replace(/,(\s*[}\]])/g, "$1"));
  }
}

/**
 * Every case by file: `{ file, cases: [{ original, updated, backward, forward? }] }`, or `{ missing }`
 * naming what is absent.
 */
export function readCorpus(dir) {
  if (!existsSync(dir)) return { missing: dir };
  const files = [];
  for (const file of CONFLUENT_FILES) {
    const path = join(dir, file);
    if (!existsSync(path)) return { missing: path };
    const cases = readLenient(path).map((c) => ({
      original: c.original_schema,
      updated: c.update_schema,
      backward: c.compatible,
    }));
    files.push({ file, cases });
  }
  const path = join(dir, APICURIO_FILE);
  if (!existsSync(path)) return { missing: path };
  const cases = readLenient(path)
    .tests.filter((t) => t.enabled !== false)
    .map((t) => ({
      original: t.original,
      updated: t.updated,
      backward: t.compatibility !== "none",
      forward: t.compatibility === "both",
    }));
  files.push({ file: APICURIO_FILE, cases });
  return { files };
}
