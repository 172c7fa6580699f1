import { EventlineError } from "../../errors.js";
import type { AnyCompatRule, Site } from "../rule-types.js";

/** The rules the engine was given, by the site where it asks them, in the given order. */
export interface RuleSet {
  readonly bySite: ReadonlyMap<Site, readonly AnyCompatRule[]>;
  /** The rule the engine reports through where it cannot decide a pair. */
  readonly unprovable: AnyCompatRule;
}

const sets = new WeakMap<readonly AnyCompatRule[], RuleSet>();

export function ruleSet(rules: readonly AnyCompatRule[]): RuleSet {
  let set = sets.get(rules);
  if (set === undefined) {
    const bySite = new Map<Site, AnyCompatRule[]>();
    for (const rule of rules) {
      const list = bySite.get(rule.site) ?? [];
      list.push(rule);
      bySite.set(rule.site, list);
    }
    const unprovable = rules.find((r) => r.id === "unprovable");
    // Without it the engine could only stay silent where it cannot decide, and silence reads as compatible.
    if (!unprovable)
      throw new EventlineError("INTERNAL", "the compat rules given to the engine lack `unprovable`");
    set = { bySite, unprovable };
    sets.set(rules, set);
  }
  return set;
}
