import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Parser workers and temp catalogs make some integration tests take seconds, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: more forks than that only adds contention with the parser worker threads.
    pool: "forks",
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: [...configDefaults.exclude, "test/kafka/**"],
        },
      },
      {
        // Only a run that includes test/kafka files starts (or finds) a broker, once for all of them.
        extends: true,
        test: {
          name: "kafka",
          include: ["test/kafka/**/*.test.ts"],
          globalSetup: ["test/kafka/global-setup.ts"],
        },
      },
    ],
  },
});
