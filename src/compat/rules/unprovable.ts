import { containsBesideTuple } from "../contains-beside-tuple.js";
import { containsInLoop } from "../contains-in-loop.js";
import { refersToItself } from "../ill-founded.js";
import { whenChecked } from "../mode-severity.js";
import type { CompatRule } from "../rule-types.js";
import { unevaluatedBesideDynamicRef } from "../unevaluated-beside-dynamic-ref.js";
import { unevaluatedInBranch } from "../unevaluated-in-branch.js";
import { unevaluatedUnderChoice } from "../unevaluated-under-choice.js";

export const unprovable = {
  id: "unprovable",
  description:
    "The engine cannot prove compatibility here (for example the reader schema does not compile); reported rather than assumed compatible.",
  message: "the reader schema could not be compiled",
  // Every reason the engine gives up, by name: the rules and the engine report through these.
  messages: {
    selfReference: "the {side} schema refers to itself without descending into the instance",
    unevaluatedInBranch:
      "the {side} schema has unevaluatedProperties/unevaluatedItems inside a then/else, which ajv can fail on at run time",
    unevaluatedBesideDynamicRef:
      "the {side} schema has unevaluatedProperties/unevaluatedItems beside a $ref under anyOf/oneOf/if, which ajv can fail on at run time",
    unevaluatedUnderChoice:
      "the {side} schema has unevaluatedProperties/unevaluatedItems under anyOf/oneOf beside patternProperties, which ajv can fail on at run time",
    containsBesideTuple:
      "the {side} schema has `contains` beside a tuple inside a `not` or `if`, where ajv leaves `contains` unchecked on short arrays",
    containsInLoop:
      "the {side} schema has `contains` inside items/additionalProperties/patternProperties, where ajv lets an empty array pass after a non-empty one",
    tooDeep: "the schemas nest too deeply to compare",
    tooLarge: "the comparison needs more than {limit} subschema pairs",
    dynamicRef: "`{keyword}` is not compared",
    badPatternKey: "a reader patternProperties key is not a valid regular expression",
    multipleOfInFloatingPoint:
      "cannot prove that every value the writer accepts passes multipleOf {multipleOf} as ajv checks it (floating point)",
  },
  hint: "Simplify the construct, or check the change by hand and acknowledge the finding with a reason.",
  severity: whenChecked("error"),
  site: "document",
  // Schemas ajv's validator throws on, or checks otherwise than their keywords say, at run time: no
  // claim about the values they accept holds.
  // ajv recurses without end on a schema that refers to itself in place (only a `$ref` can close such
  // a loop in a JSON document), and can fail on unevaluated* inside a conditional branch, beside a
  // `$ref` under a combinator or under a combinator beside patternProperties; inside `not`/`if` it
  // skips `contains` beside a tuple, and in a loop it lets `contains` pass on an empty array.
  check({ side, root, schema, text }, ctx) {
    const mentions = (part: string) => text === undefined || text.includes(part);
    if (mentions('"$ref"') && refersToItself(root, schema))
      ctx.report({ side }, { template: "selfReference" });
    else if (mentions('"unevaluated') && unevaluatedInBranch(root, schema))
      ctx.report({ side }, { template: "unevaluatedInBranch" });
    else if (mentions('"unevaluated') && unevaluatedBesideDynamicRef(root, schema))
      ctx.report({ side }, { template: "unevaluatedBesideDynamicRef" });
    else if (mentions('"unevaluated') && unevaluatedUnderChoice(root, schema))
      ctx.report({ side }, { template: "unevaluatedUnderChoice" });
    else if (mentions('"contains"') && containsBesideTuple(root, schema))
      ctx.report({ side }, { template: "containsBesideTuple" });
    else if (mentions('"contains"') && containsInLoop(root, schema))
      ctx.report({ side }, { template: "containsInLoop" });
  },
} as const satisfies CompatRule<"document">;
