import type { CompatRuleMeta } from "./rule-meta.js";
import type { AnyCompatRule } from "./rule-types.js";
import { additionalPropertiesClosed } from "./rules/additional-properties-closed.js";
import { additionalPropertiesNarrowed } from "./rules/additional-properties-narrowed.js";
import { anyofNoBranch } from "./rules/anyof-no-branch.js";
import { conditionalChanged } from "./rules/conditional-changed.js";
import { containsChanged } from "./rules/contains-changed.js";
import { dependentRequiredAdded } from "./rules/dependent-required-added.js";
import { dependentSchemaChanged } from "./rules/dependent-schema-changed.js";
import { enumAdded } from "./rules/enum-added.js";
import { enumValueRejected } from "./rules/enum-value-rejected.js";
import { formatChanged } from "./rules/format-changed.js";
import { maxItemsDecreased } from "./rules/max-items-decreased.js";
import { maxLengthDecreased } from "./rules/max-length-decreased.js";
import { maxPropertiesDecreased } from "./rules/max-properties-decreased.js";
import { maximumDecreased } from "./rules/maximum-decreased.js";
import { minItemsIncreased } from "./rules/min-items-increased.js";
import { minLengthIncreased } from "./rules/min-length-increased.js";
import { minPropertiesIncreased } from "./rules/min-properties-increased.js";
import { minimumIncreased } from "./rules/minimum-increased.js";
import { multipleOfChanged } from "./rules/multiple-of-changed.js";
import { notOverlaps } from "./rules/not-overlaps.js";
import { oneofNoBranch } from "./rules/oneof-no-branch.js";
import { oneofOverlap } from "./rules/oneof-overlap.js";
import { patternChanged } from "./rules/pattern-changed.js";
import { propertyNamesChanged } from "./rules/property-names-changed.js";
import { refUnresolvable } from "./rules/ref-unresolvable.js";
import { requiredAdded } from "./rules/required-added.js";
import { schemaInvalid } from "./rules/schema-invalid.js";
import { schemaRejectsEverything } from "./rules/schema-rejects-everything.js";
import { typeNarrowed } from "./rules/type-narrowed.js";
import { uniqueItemsAdded } from "./rules/unique-items-added.js";
import { unprovable } from "./rules/unprovable.js";

/**
 * Every rule the compatibility engine can report, in a fixed order (an explicit list, not a glob:
 * a rule exists when it is listed here). Docs, reports and acknowledgements key on these ids. The
 * engine asks the rules of one site in this order, which is the order of their findings.
 */
export const COMPAT_RULES = [
  typeNarrowed,
  schemaRejectsEverything,
  schemaInvalid,
  refUnresolvable,
  unprovable,
  enumValueRejected,
  enumAdded,
  minLengthIncreased,
  maxLengthDecreased,
  patternChanged,
  formatChanged,
  minimumIncreased,
  maximumDecreased,
  multipleOfChanged,
  minItemsIncreased,
  maxItemsDecreased,
  uniqueItemsAdded,
  containsChanged,
  requiredAdded,
  minPropertiesIncreased,
  maxPropertiesDecreased,
  additionalPropertiesClosed,
  additionalPropertiesNarrowed,
  dependentRequiredAdded,
  dependentSchemaChanged,
  propertyNamesChanged,
  anyofNoBranch,
  oneofNoBranch,
  oneofOverlap,
  notOverlaps,
  conditionalChanged,
] as const satisfies readonly AnyCompatRule[];

export type CompatRuleId = (typeof COMPAT_RULES)[number]["id"];

const BY_ID = new Map<string, CompatRuleMeta>(COMPAT_RULES.map((r) => [r.id, r]));

export function compatRule(id: string): CompatRuleMeta | undefined {
  return BY_ID.get(id);
}
