import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Vite would load graphql's ESM build while Pothos gets the CJS one: two realms, "Cannot use GraphQLScalarType".
  resolve: { alias: { graphql: 'graphql/index.js' } },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    globalSetup: ['test/support/global-setup.ts'],
    // Scenario files share one real Synapse: one file deleting rooms while another walks every page would break the
    // walk's premise, so with a real Synapse the files run one after another.
    fileParallelism: !process.env.SYNAPSE_TEST_URL,
  },
});
