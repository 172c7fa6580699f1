/** One reason a payload or header set is invalid: where (JSON pointer) and which schema rule. */
export interface ValidationIssue {
  pointer: string;
  rule: string;
  message: string;
}

/**
 * Validates a value. Generated code passes precompiled (ajv standalone) validators adapted to this
 * shape; nothing here compiles schemas at run time.
 */
export type Validator = (value: unknown) => ValidationIssue[];

interface AjvLikeError {
  instancePath: string;
  keyword: string;
  message?: string;
}

/** Adapts an ajv validate function (compiled or standalone) to a Validator. */
export function fromAjv(
  validate: ((value: unknown) => boolean) & { errors?: AjvLikeError[] | null },
): Validator {
  return (value) => {
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => ({
      pointer: e.instancePath,
      rule: e.keyword,
      message: e.message ?? e.keyword,
    }));
  };
}

/** Validation issues as one line: `<pointer>: <message> (<rule>)`, separated by `; `. */
export function describeIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((i) => `${i.pointer || "/"}: ${i.message} (${i.rule})`).join("; ");
}
