import { EventlineError } from "../../errors.js";
import { type AnyCompatRule, SITES, type Site } from "../rule-types.js";

/** The rules the engine was given, by the site where it asks them, in the given order. */
export interface RuleSet {
  readonly bySite: Readonly<Record<Site, readonly AnyCompatRule[]>>;
  /** The rule the engine reports through where it cannot decide a pair. */
  readonly unprovable: AnyCompatRule;
}

const sets = new WeakMap<readonly AnyCompatRule[], RuleSet>();

export function ruleSet(rules: readonly AnyCompatRule[]): RuleSet {
  let set = sets.get(rules);
  if (set === undefined) {
    const bySite = Object.fromEntries(SITES.map((site) => [site, [] as AnyCompatRule[]])) as Record<
      Site,
      AnyCompatRule[]
    >;
    for (const rule of rules) bySite[rule.site].push(rule);
    const unprovable = rules.find((r) => r.id === "unprovable");
    // Without it the engine could only stay silent where it cannot decide, and silence reads as compatible.
    if (!unprovable)
      throw new EventlineError("INTERNAL", "the compat rules given to the engine lack `unprovable`");
    set = { bySite, unprovable };
    sets.set(rules, set);
  }
  return set;
}
