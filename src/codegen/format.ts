import { format } from "prettier";
import { EventlineError } from "../errors.js";

const OPTIONS = { parser: "typescript", printWidth: 110, trailingComma: "all", endOfLine: "lf" } as const;

/** Formats generated TypeScript; a syntax error here is a bug in a renderer, reported as such. */
export async function formatTypeScript(code: string, file: string): Promise<string> {
  try {
    return await format(code, OPTIONS);
  } catch (error) {
    throw new EventlineError(
      "INTERNAL",
      `generated ${file} is not valid TypeScript: ${(error as Error).message}`,
    );
  }
}
