// The V8 heap flags the tool runs with: the launcher of scripts/install.sh passes them to Node,
// the bundle's own shebang line too (scripts/build.mjs), and `npm run bench` measures the tool
// started with them. Measured (docs/benchmarks.md): the young generation's default of 16 MiB
// per semi-space is what a full-screen Ink app fills between two frames with short-lived
// strings; 1 MiB keeps the same work in smaller, more frequent collections, and an old space
// bounded at 128 MiB makes V8 collect before growing it. Peak memory after use went from about
// 118 MiB to about 85; the tool's live heap is some 15 MiB (certificates included), far below
// the bound. `node dist/cps-audit.mjs` run by hand without them works the same, with more memory.
export const NODE_FLAGS = ['--max-semi-space-size=1', '--max-old-space-size=128'];

// `node scripts/node-flags.mjs` prints them, one per line, for the shell (scripts/install.sh).
if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(`${NODE_FLAGS.join('\n')}\n`);
