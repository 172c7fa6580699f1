// The catalog site. Eventline's `catalog build` runs this project with the catalog JSON named by
// EVENTLINE_CATALOG_JSON and its own outDir/base; `astro build` here directly does the same.
import { defineConfig } from "astro/config";

export default defineConfig({
  // One file per page (services/orders.html) and relative links everywhere: the site opens from
  // file:// and from any sub-path of a static host without knowing where it is served.
  build: { format: "file", inlineStylesheets: "always" },
  trailingSlash: "ignore",
  devToolbar: { enabled: false },
  compressHTML: true,
  scopedStyleStrategy: "class",
});
