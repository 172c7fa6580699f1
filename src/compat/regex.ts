/**
 * The little the engine knows about regular expressions. Patterns are compared by text; these
 * helpers only decide the safe cases (a key certainly matches, two anchored literal prefixes
 * cannot both match, one anchored prefix covers another).
 */

const compiled = new Map<string, RegExp | null>();

function compile(pattern: string): RegExp | null {
  if (!compiled.has(pattern)) {
    let re: RegExp | null = null;
    try {
      re = new RegExp(pattern, "u");
    } catch {
      re = null;
    }
    compiled.set(pattern, re);
  }
  return compiled.get(pattern) ?? null;
}

/** Whether `text` matches `pattern` (JSON Schema: unanchored search); undefined if it does not compile. */
export function patternMatches(pattern: string, text: string): boolean | undefined {
  const re = compile(pattern);
  return re === null ? undefined : re.test(text);
}

const META = new Set([".", "[", "]", "(", ")", "*", "+", "?", "{", "}", "|", "\\", "$", "^"]);

/** For `^abc...`: the literal text every match starts with, and what follows it. */
export function anchoredPrefix(pattern: string): { prefix: string; rest: string } | undefined {
  if (!pattern.startsWith("^") || pattern.includes("|")) return undefined;
  let prefix = "";
  let i = 1;
  while (i < pattern.length && !META.has(pattern[i]!)) {
    prefix += pattern[i];
    i++;
  }
  const rest = pattern.slice(i);
  // A quantifier applies to the last literal character, which is then optional or repeated.
  if (/^[*+?{]/.test(rest) && prefix.length > 0) {
    return { prefix: prefix.slice(0, -1), rest: pattern.slice(i - 1) };
  }
  return { prefix, rest };
}

/** True only when no string can match both patterns. */
export function patternsDisjoint(a: string, b: string): boolean {
  const pa = anchoredPrefix(a);
  const pb = anchoredPrefix(b);
  if (pa === undefined || pb === undefined) return false;
  return !pa.prefix.startsWith(pb.prefix) && !pb.prefix.startsWith(pa.prefix);
}

/** True only when every string matching `inner` also matches `outer`. */
export function patternCovers(outer: string, inner: string): boolean {
  if (outer === inner) return true;
  const po = anchoredPrefix(outer);
  const pi = anchoredPrefix(inner);
  if (po === undefined || pi === undefined) return false;
  if (po.rest !== "" && po.rest !== ".*") return false;
  return pi.prefix.startsWith(po.prefix);
}
