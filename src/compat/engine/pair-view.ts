import type { TypeComparison } from "../algebra/types.js";
import type { Pair } from "../rule-types.js";
import type { At } from "../schema-walk.js";

interface PairExtras {
  integersOnly?: boolean;
  types?: TypeComparison;
  keyword?: "anyOf" | "oneOf";
  branches?: readonly At[];
  fits?: number;
  writerAdditional?: At;
  readerAdditional?: At;
  additionalFits?: boolean;
}

/**
 * A pair as one site shows it. Every view has the same fields in the same order, those of other
 * sites undefined: one object shape, so the rules' reads of them stay fast.
 */
// biome-ignore lint/suspicious/noExplicitAny: a view serves every pair site; each caller passes it as its site's type.
export function pairView(p: Pair, extra: PairExtras = {}): any {
  return {
    w: p.w,
    r: p.r,
    ws: p.ws,
    rs: p.rs,
    integersOnly: extra.integersOnly ?? p.integersOnly,
    profile: p.profile,
    compareFormat: p.compareFormat,
    writerDeclaredKeysOnly: p.writerDeclaredKeysOnly,
    types: extra.types,
    keyword: extra.keyword,
    branches: extra.branches,
    fits: extra.fits ?? extra.additionalFits,
    writerAdditional: extra.writerAdditional,
    readerAdditional: extra.readerAdditional,
  };
}
