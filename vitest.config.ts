import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// The test tiers (docs/testing.md). A test file's tier is the folder it lives in, test/<tier>/:
// moving a file to another tier is a `git mv`. Helpers live in test/support, in no tier.
// scripts/check-tiers.ts fails when a test file is in no tier, or in more than one.
//
// unit, properties and app run their files in parallel on every core (vitest's default leaves
// one core idle: one worker on a 2-core machine); tests that drive the one pcscd of the machine,
// or a pseudo-terminal, run one file at a time (stack.md: one pcscd per machine, fixed vpcd ports),
// and never beside each other: when one `vitest run` takes every tier, system runs after the
// tiers without pcscd, and terminal after system (groupOrder).
export const TIERS = ['unit', 'properties', 'app', 'system', 'terminal'] as const;
export type Tier = (typeof TIERS)[number];

/** Every core: the main process of vitest mostly waits while the workers run. */
const ALL_CORES = availableParallelism();
const files = (tier: Tier) => [`test/${tier}/**/*.test.ts`, `test/${tier}/**/*.test.tsx`];

export default defineConfig({
  test: {
    projects: [
      // Pure and fast: the card layer, the machine, the report, the catalogue, the simulator.
      { test: { name: 'unit', include: files('unit'), maxWorkers: ALL_CORES, testTimeout: 20_000 } },
      // Fuzzing and fault walks: many cases per test, seeded.
      { test: { name: 'properties', include: files('properties'), maxWorkers: ALL_CORES, testTimeout: 60_000 } },
      // The screens (ink-testing-library) and the command line run as a child process.
      { test: { name: 'app', include: files('app'), maxWorkers: ALL_CORES, testTimeout: 20_000 } },
      // A real pcscd, the virtual reader, OpenSC.
      {
        test: {
          name: 'system',
          include: files('system'),
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      // The built tool in a real pseudo-terminal, through pcscd.
      {
        test: {
          name: 'terminal',
          include: files('terminal'),
          fileParallelism: false,
          sequence: { groupOrder: 2 },
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
