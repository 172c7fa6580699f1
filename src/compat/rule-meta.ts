import type { ModeSeverities } from "./mode-severity.js";

/** Static description of a compatibility rule: data, so docs, reports and SARIF share it. */
export interface CompatRuleMeta {
  /** Stable kebab-case id; also the file name under src/compat/rules/. */
  readonly id: string;
  readonly description: string;
  /** Message template; `{name}` placeholders name the values the finding fills in. */
  readonly message: string;
  /** Why the change breaks consumers and how to make it compatible. */
  readonly hint: string;
  /** Severity of a finding in each mode family (`info` under NONE). */
  readonly severity: ModeSeverities;
}
