// Import rules checked by `npm run lint` (dependency-cruiser). The published package is installed
// without devDependencies, so a shipped file that imports one works here and fails for every user.

/** What `npm pack` ships and runs: the CLI, the built library, the ruleset and the generator template. */
const PRODUCTION = "^(src|bin|spectral|generators/typescript/template)/";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
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
