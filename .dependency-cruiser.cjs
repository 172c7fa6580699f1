// Import rules checked by `npm run lint` (dependency-cruiser). The published package is installed
// without devDependencies, so a shipped file that imports one works here and fails for every user.

/** What `npm pack` ships and runs: the CLI, the built library, the ruleset, the generator template and the catalog site. */
const PRODUCTION = "^(src|bin|spectral|generators/typescript/template|docs-site)/";

/**
 * The layers of `src/`, lowest first (DESIGN.md). A layer may import its own folder and any layer
 * before it, never one after it: a lower layer that reaches up makes the upper one impossible to
 * change without breaking it, and drags command code (git, files, terminals) into the library.
 */
const LAYERS = [
  "errors\\.ts",
  "diagnostics",
  "schema",
  "model",
  "lint",
  "compat",
  "report",
  "codegen",
  "runtime",
  "kafka",
  "testing",
  "catalog",
  "ops",
  "cli",
];

const layerPath = (layer) => `^src/${layer}(/|$)`;
const layerName = (layer) => layer.replace("\\", "");

/** One rule per layer: nothing in it imports a layer above it. */
const upwardImportRules = LAYERS.slice(0, -1).map((layer, index) => ({
  name: `no-upward-import-from-${layerName(layer).replace(/\.ts$/, "")}`,
  comment:
    `src/${layerName(layer)} is below ${LAYERS.slice(index + 1).join(", ")} in the layering of DESIGN.md and must not ` +
    "import them. Move the shared code down a layer, or move the importing code up to where it is used.",
  severity: "error",
  from: { path: layerPath(layer) },
  to: { path: LAYERS.slice(index + 1).map(layerPath) },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...upwardImportRules,
    {
      name: "compat-engine-and-rules-acyclic",
      comment:
        "The compat engine runs the rules it is given; rules and their shared types never import the " +
        "engine back (shared types live in leaf modules such as rule-types.ts and subset-options.ts). " +
        "No module of src/compat is part of an import cycle.",
      severity: "error",
      from: { path: "^src/compat/" },
      to: { circular: true },
    },
    {
      name: "compat-engine-receives-its-rules",
      comment:
        "The schema engine and the schema algebra know no rule: is-subset.ts passes the registry's list " +
        "in. A rule the engine imported would be run whether or not it is registered.",
      severity: "error",
      from: { path: "^src/compat/(engine/|algebra/|rule-types\\.ts$|rule-meta\\.ts$|template\\.ts$)" },
      to: { path: "^src/compat/(rules/|registry\\.ts$|is-subset\\.ts$)" },
    },
    {
      name: "compat-rules-do-not-drive-the-engine",
      comment:
        "A rule looks at the pair the engine shows it and compares subschemas only through its context " +
        "(holds, validates): it never imports the engine, the registry or isSubset.",
      severity: "error",
      from: { path: "^src/compat/rules/" },
      to: { path: "^src/compat/(engine/|registry\\.ts$|is-subset\\.ts$)" },
    },
    {
      name: "runtime-is-an-island",
      comment:
        "Generated clients ship with only eventline/runtime (plus ajv and kafkajs): the runtime imports " +
        "nothing else of src/, not even the lower layers, so it never drags the parser or the CLI along.",
      severity: "error",
      from: { path: "^src/runtime/" },
      to: { path: "^src/", pathNot: "^src/runtime/" },
    },
    {
      name: "docs-site-reads-only-the-catalog-json",
      comment:
        "The catalog site is built from the catalog JSON alone (its schema is in schemas/), so it can be " +
        "rebuilt from an exported file and never depends on library internals.",
      severity: "error",
      from: { path: "^docs-site/" },
      to: { path: "^src/" },
    },
    {
      name: "no-dev-dependency-in-production",
      comment:
        "A shipped file imports a devDependency: `npm install eventline` leaves it out, so the import fails " +
        "for users. Move the package to dependencies (or to optional peerDependencies for a driver the user " +
        "brings), or keep the import out of shipped code.",
      severity: "error",
      from: { path: PRODUCTION },
      // better-sqlite3, pg and ioredis are devDependencies for the tests and optional peers for users.
      to: { dependencyTypes: ["npm-dev"], dependencyTypesNot: ["npm-peer"] },
    },
    {
      name: "no-undeclared-package",
      comment:
        "A shipped file imports a package that package.json does not declare: it resolves here only " +
        "because something else installed it. Declare it in dependencies or peerDependencies.",
      severity: "error",
      from: { path: PRODUCTION },
      // An optional peer's types may come from its @types package (pg, better-sqlite3): a user who
      // uses that store installs both.
      to: { dependencyTypes: ["npm-no-pkg", "npm-unknown"], dependencyTypesNot: ["npm-peer"] },
    },
    {
      name: "no-unresolvable-import",
      comment: "A shipped file imports something that does not resolve at all.",
      severity: "error",
      from: { path: PRODUCTION },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // bin/ and spectral/ load the build; what it imports is checked in src/.
    exclude: { path: "^(\\.\\./)*dist/" },
    // Type-only imports count: the shipped .d.ts files keep them, and a user's type check needs them.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "types", "default"],
      mainFields: ["module", "main", "types", "typings"],
    },
  },
};
