import { whenChecked } from "../mode-severity.js";
import type { CompatRule } from "../rule-types.js";
import { type JsonType, typesOf } from "../schema-walk.js";

export const typeNarrowed = {
  id: "type-narrowed",
  description: "The reader accepts fewer JSON types than the writer sends (including number to integer).",
  message: "the writer may send {types}; the reader accepts only {accepted}",
  hint: "Messages of the removed type fail validation in the new reader. Keep the type in the reader's `type` list, or publish the narrower schema as a new major version (x-eventline-version).",
  severity: whenChecked("error"),
  site: "types",
  check({ rs, types }, ctx) {
    if (types.nonIntegers)
      ctx.report({ types: "non-integer numbers", accepted: "integers" }, { witness: 0.5 });
    if (types.refused.length === 0) return;
    const reader = typesOf(rs);
    const accepted = [...reader].filter((t) => t !== "integer" || !reader.has("number"));
    ctx.report({ types: list(types.refused), accepted: list(accepted) });
  },
} as const satisfies CompatRule<"types">;

/** Types as a phrase: "a string, an object or null". */
function list(types: readonly JsonType[]): string {
  const words = types.map((t) => (t === "null" ? "null" : `${/^[aeiou]/.test(t) ? "an" : "a"} ${t}`));
  return words.length <= 1 ? (words[0] ?? "nothing") : `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`;
}
