/**
 * Just enough English morphology for event names: they end in a past participle (`OrderCreated`,
 * `PaymentPaid`), commands start with a verb (`CreateOrder`). A heuristic; the rule is a warning.
 */

/** Base form → past participle, for verbs whose participle does not end in "-ed" (plus spellings we prefer). */
const IRREGULAR: Record<string, string> = {
  be: "been",
  beat: "beaten",
  begin: "begun",
  bind: "bound",
  bite: "bitten",
  blow: "blown",
  break: "broken",
  bring: "brought",
  build: "built",
  burst: "burst",
  buy: "bought",
  cancel: "cancelled",
  catch: "caught",
  choose: "chosen",
  cut: "cut",
  deal: "dealt",
  dig: "dug",
  do: "done",
  draw: "drawn",
  drive: "driven",
  eat: "eaten",
  fall: "fallen",
  feed: "fed",
  feel: "felt",
  fight: "fought",
  find: "found",
  flee: "fled",
  fly: "flown",
  forbid: "forbidden",
  forget: "forgotten",
  forgive: "forgiven",
  freeze: "frozen",
  get: "gotten",
  give: "given",
  go: "gone",
  grow: "grown",
  hang: "hung",
  hear: "heard",
  hide: "hidden",
  hit: "hit",
  hold: "held",
  keep: "kept",
  know: "known",
  lay: "laid",
  lead: "led",
  leave: "left",
  lend: "lent",
  let: "let",
  light: "lit",
  lose: "lost",
  make: "made",
  mean: "meant",
  meet: "met",
  pay: "paid",
  put: "put",
  quit: "quit",
  read: "read",
  ride: "ridden",
  rise: "risen",
  say: "said",
  see: "seen",
  seek: "sought",
  sell: "sold",
  send: "sent",
  set: "set",
  shed: "shed",
  shoot: "shot",
  show: "shown",
  shut: "shut",
  sink: "sunk",
  sit: "sat",
  sleep: "slept",
  slide: "slid",
  speak: "spoken",
  spend: "spent",
  spin: "spun",
  split: "split",
  spread: "spread",
  stand: "stood",
  steal: "stolen",
  stick: "stuck",
  strike: "struck",
  sweep: "swept",
  swing: "swung",
  take: "taken",
  teach: "taught",
  tear: "torn",
  tell: "told",
  think: "thought",
  throw: "thrown",
  wake: "woken",
  wear: "worn",
  win: "won",
  write: "written",
};

const PARTICIPLES = new Set([
  ...Object.values(IRREGULAR),
  "got",
  "burnt",
  "learnt",
  "spelt",
  "spilt",
  "dreamt",
]);

/** `resent`, `undone`, `overwritten`, `withheld`, `upheld`: a prefix on an irregular participle. */
const PREFIXES = ["re", "un", "pre", "mis", "over", "under", "up", "with"];

/** Words that end in "ed" without being participles. */
const NOT_PARTICIPLES = new Set([
  "bed",
  "feed",
  "need",
  "seed",
  "speed",
  "weed",
  "breed",
  "creed",
  "red",
  "embed",
]);

/** Verbs message names are commonly built from: `CreateOrder`, `OrderCreate` → suggest `OrderCreated`. */
const COMMON_VERBS = new Set(
  (
    "accept activate add allocate apply approve archive assign authorise authorize block book build buy " +
    "calculate cancel capture change charge check close complete confirm create deactivate decline delete " +
    "deliver deposit disable dispatch enable expire export fail generate give hold import invite issue lock " +
    "make merge move notify open pay place process publish refund register reject release remove rename " +
    "renew request reserve reset resolve restore schedule sell send set ship start stop submit suspend sync " +
    "take transfer unlock update upgrade validate verify withdraw write"
  ).split(" "),
);

export function isPastParticiple(word: string): boolean {
  const w = word.toLowerCase();
  if (PARTICIPLES.has(w)) return true;
  if (w.length > 3 && w.endsWith("ed") && !NOT_PARTICIPLES.has(w)) return true;
  return PREFIXES.some(
    (p) => w.length > p.length + 2 && w.startsWith(p) && PARTICIPLES.has(w.slice(p.length)),
  );
}

/** `create` → `created`, `ship` → `shipped`, `pay` → `paid`, `apply` → `applied`. Lower case. */
export function pastParticiple(verb: string): string {
  const w = verb.toLowerCase();
  const irregular = IRREGULAR[w];
  if (irregular !== undefined) return irregular;
  if (w.endsWith("e")) return `${w}d`;
  if (/[^aeiou]y$/.test(w)) return `${w.slice(0, -1)}ied`;
  // One syllable ending consonant-vowel-consonant doubles the consonant: ship, stop, plan, tag.
  if (/^[^aeiou]*[aeiou][bdgklmnprt]$/.test(w)) return `${w}${w.at(-1)}ed`;
  return `${w}ed`;
}

interface SplitName {
  words: string[];
  /** Trailing version tokens (`V1`, `v2`, `2`), kept out of the tense check and put back in suggestions. */
  suffix: string[];
  separator: string;
}

/** PascalCase, camelCase, snake_case, kebab-case and dotted names, split into words. */
export function splitName(name: string): SplitName {
  const separator = /[._\-\s]/.exec(name)?.[0] ?? "";
  const words = name
    .split(/[^A-Za-z0-9]+/)
    .flatMap((part) => part.match(/[vV]\d+|[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) ?? []);
  const suffix: string[] = [];
  while (words.length > 1 && /^v?\d+$/i.test(words.at(-1)!)) suffix.unshift(words.pop()!);
  return { words, suffix, separator };
}

/** The last word of a name, ignoring version suffixes, if it reads as a past participle. */
export function endsInPastTense(name: string): boolean {
  const last = splitName(name).words.at(-1);
  return last !== undefined && !/^\d+$/.test(last) && isPastParticiple(last);
}

/**
 * A past-tense name in the style of `name`: `CreateOrder` → `OrderCreated`, `order.create` →
 * `order.created`, `OrderStatus` → `OrderStatusChanged`.
 */
export function suggestPastTenseName(name: string): string | undefined {
  const { words, suffix, separator } = splitName(name);
  if (words.length === 0) return undefined;
  const lower = words.map((w) => w.toLowerCase());
  const first = lower[0]!;
  const last = lower.at(-1)!;
  // Without a verb to put in the past tense, say that something about the thing changed.
  const reordered =
    lower.length > 1 && COMMON_VERBS.has(first)
      ? [...lower.slice(1), pastParticiple(first)]
      : COMMON_VERBS.has(last)
        ? [...lower.slice(0, -1), pastParticiple(last)]
        : [...lower, "changed"];
  const all = [...reordered, ...suffix.map((s) => s.toLowerCase())];
  if (separator !== "") {
    if (name === name.toLowerCase()) return all.join(separator);
    if (name === name.toUpperCase()) return all.join(separator).toUpperCase();
    return all.map(capitalize).join(separator);
  }
  const pascal = all.map(capitalize).join("");
  return /^[a-z]/.test(name) ? pascal.charAt(0).toLowerCase() + pascal.slice(1) : pascal;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
