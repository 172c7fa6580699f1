// Runs one Astro build in its own process: `catalog build` spawns it so the site's renderer, Vite and
// their memory stay out of the CLI process, and so the working directory can be the output's
// parent (Astro stages a build whose outDir lies outside the working directory in <cwd>/.astro).
import { build } from "astro";

const [root, outDir, base, cacheDir] = process.argv.slice(2);
if (!root || !outDir || !base || !cacheDir) {
  process.stderr.write("usage: astro-runner <root> <outDir> <base> <cacheDir>\n");
  process.exit(2);
}
await build({
  root,
  outDir,
  base,
  cacheDir,
  logLevel: "error",
  mode: "production",
  vite: { logLevel: "error", clearScreen: false },
});
