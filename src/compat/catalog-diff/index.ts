// Document-level compatibility: diff first, then one rule per file.
export { type DiffSubject, diffCatalogSubjects, diffCatalogs, type SubjectChange } from "./diff-catalogs.js";
export { type CatalogMatch, matchCatalogs, messageUses } from "./match.js";
export { CATALOG_RULES, type CatalogRuleId, catalogRule } from "./registry.js";
export type {
  CatalogRule,
  CatalogRuleMeta,
  ConsumerImpact,
  DiffCatalogsOptions,
  MessageUse,
} from "./types.js";
