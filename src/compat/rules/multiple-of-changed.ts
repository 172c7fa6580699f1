import { type Bound, lower, num, upper } from "../algebra/bounds.js";
import { whenChecked } from "../mode-severity.js";
import type { CompatRule } from "../rule-types.js";
import { type SchemaObject, typesOf } from "../schema-walk.js";

export const multipleOfChanged = {
  id: "multiple-of-changed",
  description:
    "The reader's multipleOf rejects a value the writer's accepts (decided as ajv checks it at runtime, in floating point).",
  message: "the reader requires multiples of {multipleOf}",
  messages: {
    ajvRejects:
      "the reader requires multiples of {multipleOf}, and ajv rejects {value}, which the writer accepts",
  },
  hint: "A coarser multipleOf rejects existing values. Only relax it (use a divisor of the old value), or change writers first. Decimal steps are checked in floating point at runtime (0.3 is not a multiple of 0.1 there), and quotients of 1e21 and more never pass.",
  severity: whenChecked("error"),
  site: "number",
  when: ["multipleOf"],
  check({ ws, rs, integersOnly, profile }, ctx) {
    const rm = num(rs.multipleOf);
    if (rm === undefined || rm <= 0) return;
    const wm = num(ws.multipleOf);
    if (profile === "confluent") {
      // Confluent's checker divides exactly; the profile predicts it.
      const divides = (a: number) => Math.abs(a / rm - Math.round(a / rm)) < 1e-9;
      if (!((wm !== undefined && divides(wm)) || (integersOnly && divides(1))))
        ctx.report({ multipleOf: rm });
      return;
    }
    if (wm === rm) return;
    const writer = writerNumbers(ws, wm);
    const witness = search(writer, rm);
    if (witness !== undefined) {
      ctx.report({ multipleOf: rm, value: witness }, { template: "ajvRejects", witness });
      return;
    }
    if (!proven(writer, rm)) ctx.unprovable("multipleOfInFloatingPoint", { multipleOf: rm });
  },
} as const satisfies CompatRule<"number">;

/** ajv's runtime check (no multipleOfPrecision): `x / m` must equal `parseInt(x / m)`, which fails from 1e21 on. */
function ajvMultiple(x: number, m: number): boolean {
  const q = x / m;
  return q === Number.parseInt(String(q), 10);
}

interface WriterNumbers {
  multipleOf: number | undefined;
  integersOnly: boolean;
  lo: Bound | undefined;
  hi: Bound | undefined;
  accepts(x: number): boolean;
}

function writerNumbers(ws: SchemaObject, wm: number | undefined): WriterNumbers {
  const integersOnly = !typesOf(ws).has("number");
  const lo = lower(ws);
  const hi = upper(ws);
  return {
    multipleOf: wm,
    integersOnly,
    lo,
    hi,
    accepts: (x) =>
      Number.isFinite(x) &&
      (!integersOnly || Number.isInteger(x)) &&
      (lo === undefined || x > lo.value || (x === lo.value && !lo.exclusive)) &&
      (hi === undefined || x < hi.value || (x === hi.value && !hi.exclusive)) &&
      (wm === undefined || ajvMultiple(x, wm)),
  };
}

/** The doubles next to `x`, `k` steps each way (every value whose quotient rounds to the same integer is among them). */
function around(x: number, k: number): number[] {
  const out = [x];
  const buf = new DataView(new ArrayBuffer(8));
  for (const dir of [1, -1]) {
    let y = x;
    for (let i = 0; i < k; i++) {
      buf.setFloat64(0, y);
      const bits = buf.getBigInt64(0);
      // Stepping the bit pattern moves one double away from zero (or towards it, the other way).
      buf.setBigInt64(0, bits + BigInt(y >= 0 === dir > 0 ? 1 : -1));
      y = y === 0 ? dir * Number.MIN_VALUE : buf.getFloat64(0);
      out.push(y);
    }
  }
  return out;
}

const SCALES = [1e15, 2 ** 53, 1e17, 1e19, 1e20, 2e20, 5e20, 9e20, 9.99e20, 1e21, 2e21, 5e21, 1e22];

/** A value the writer accepts and ajv rejects under multipleOf `rm`, among likely candidates. */
function search(w: WriterNumbers, rm: number): number | undefined {
  const step = w.multipleOf ?? (w.integersOnly ? 1 : 0.1);
  const starts: number[] = [];
  for (let n = -40; n <= 40; n++) starts.push(n * step, n / 2);
  for (const s of SCALES) starts.push(s * step, -s * step, s, -s);
  for (const b of [w.lo, w.hi]) if (b) for (let n = -3; n <= 3; n++) starts.push(b.value + n * step);
  for (const x0 of starts)
    for (const x of around(x0, 2)) if (w.accepts(x) && !ajvMultiple(x, rm)) return x === 0 ? 0 : x;
  return undefined;
}

const MAX_ENUMERATED = 20_000;

/** Every value the writer accepts passes ajv's check, by argument or by trying each of them. */
function proven(w: WriterNumbers, rm: number): boolean {
  const lo = w.lo?.value;
  const hi = w.hi?.value;
  // Integers below 2^53 divide exactly in floating point, and their quotients stay far below 1e21.
  const safe = lo !== undefined && hi !== undefined && Math.abs(lo) < 2 ** 53 && Math.abs(hi) < 2 ** 53;
  if (w.integersOnly && safe && Number.isInteger(rm)) {
    if (w.multipleOf === undefined ? rm === 1 : Number.isInteger(w.multipleOf) && w.multipleOf % rm === 0)
      return true;
  }
  if (lo === undefined || hi === undefined) return false;
  if (w.multipleOf !== undefined) {
    const first = Math.ceil(lo / w.multipleOf) - 1;
    const last = Math.floor(hi / w.multipleOf) + 1;
    if (last - first > MAX_ENUMERATED) return false;
    for (let n = first; n <= last; n++)
      for (const x of around(n * w.multipleOf, 4)) if (w.accepts(x) && !ajvMultiple(x, rm)) return false;
    return true;
  }
  if (!w.integersOnly || hi - lo > MAX_ENUMERATED) return false;
  for (let x = Math.ceil(lo); x <= hi; x++) if (w.accepts(x) && !ajvMultiple(x, rm)) return false;
  return true;
}
