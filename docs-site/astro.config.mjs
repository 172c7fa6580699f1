// The catalog site. Eventline's `catalog build` runs this project with the catalog JSON named by
// EVENTLINE_CATALOG_JSON and its own outDir/base; `astro build` here directly does the same.
import { defineConfig } from "astro/config";

export default defineConfig({
  // One file per page (services/orders.html) and relative links everywhere: the site opens from
  // file:// and from any sub-path of a static host without knowing where it is served.
  // Pages render a few at a time: a page spends part of its time waiting (elkjs hands each layout
  // over through timers, pages are written asynchronously), which others fill.
  build: { format: "file", inlineStylesheets: "always", concurrency: 4 },
  trailingSlash: "ignore",
  devToolbar: { enabled: false },
  compressHTML: true,
  scopedStyleStrategy: "class",
});
