import { readFileSync } from "node:fs";

/** Read at run time so that src/ (tests) and dist/ report the same version as package.json. */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }
).version;
