export { type BuildCatalogJsonOptions, buildCatalogJson } from "./build.js";
export { type DevServer, RELOAD_PATH, serveSite } from "./dev-server.js";
export { type LoadCatalogJsonOptions, loadCatalogJson } from "./load.js";
export { type BuildSiteOptions, buildSite, DOCS_SITE_DIR, type SiteStats, siteStats } from "./site.js";
export { slugify } from "./slugs.js";
export type {
  CatalogChannel,
  CatalogClient,
  CatalogCompatFinding,
  CatalogExample,
  CatalogFinding,
  CatalogFlow,
  CatalogHistory,
  CatalogHistoryEntry,
  CatalogJson,
  CatalogMessage,
  CatalogOperation,
  CatalogResourceHistory,
  CatalogSchema,
  CatalogService,
  CatalogVersion,
  CatalogVersionDiff,
} from "./types.js";
export { CATALOG_FORMAT } from "./types.js";
export { type CatalogHistoryOptions, catalogHistory } from "./versions.js";
