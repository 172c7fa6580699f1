// Finding messages are rule templates filled in: the text a rule documents is the text it reports.
import { EventlineError } from "../errors.js";

/** Values for a template's `{name}` placeholders. */
export type TemplateValues = Readonly<Record<string, string | number>>;

const PLACEHOLDER = /\{([a-zA-Z]+)\}/g;

/** Templates split once into their literal parts and placeholder names: findings are made in hot loops. */
const compiled = new Map<string, readonly string[]>();

/** `template` with each `{name}` replaced; a placeholder without a value is a bug in the rule, not in the input. */
export function fillTemplate(template: string, values: TemplateValues = {}): string {
  let parts = compiled.get(template);
  if (parts === undefined) {
    // Literal text at even indices, placeholder names at odd ones.
    parts = template.split(PLACEHOLDER);
    compiled.set(template, parts);
  }
  if (parts.length === 1) return template;
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const value = values[parts[i]!];
    if (value === undefined)
      throw new EventlineError(
        "INTERNAL",
        `no value for {${parts[i]}} in the message template "${template}"`,
      );
    out += String(value) + parts[i + 1]!;
  }
  return out;
}

/** The placeholders a template names, in order. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/** A pattern matching every message the template can produce (each placeholder: any non-empty text). */
export function templatePattern(template: string): RegExp {
  const parts = template.split(PLACEHOLDER).map((part, i) => (i % 2 === 1 ? "(.+)" : escapeRegExp(part)));
  return new RegExp(`^${parts.join("")}$`, "s");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
