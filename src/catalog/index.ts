export { type BuildCatalogJsonOptions, buildCatalogJson } from "./build.js";
export { type DevServer, RELOAD_PATH, serveSite } from "./dev-server.js";
export { type LoadCatalogJsonOptions, loadCatalogJson } from "./load.js";
export { type BuildSiteOptions, buildSite, DOCS_SITE_DIR, type SiteStats, siteStats } from "./site.js";
export { slugify } from "./slugs.js";
export type {
  CatalogChannel,
  CatalogClient,
  CatalogExample,
  CatalogFinding,
  CatalogFlow,
  CatalogJson,
  CatalogMessage,
  CatalogOperation,
  CatalogSchema,
  CatalogService,
} from "./types.js";
export { CATALOG_FORMAT } from "./types.js";
