import type { ModeSeverities } from "./mode-severity.js";

/** Static description of a compatibility rule: data, so docs, reports and SARIF share it. */
export interface CompatRuleMeta {
  /** Stable kebab-case id; also the file name under src/compat/rules/ and docs/compat-rules/. */
  readonly id: string;
  readonly description: string;
  /** Message template of its findings; `{name}` placeholders name the values the finding fills in. */
  readonly message: string;
  /** Further templates, by name, for the rule's other cases (the rule's check picks one). */
  readonly messages?: Readonly<Record<string, string>>;
  /** Why the change breaks consumers and how to make it compatible. */
  readonly hint: string;
  /** Severity of a finding in each mode family (`info` under NONE). */
  readonly severity: ModeSeverities;
}
