import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Parser workers and temp catalogs make some integration tests take seconds, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: more forks than that only adds contention with the parser worker threads.
    pool: "forks",
    maxWorkers: 2,
  },
});
