// Bundles the tool into one file: it starts several times faster than tsx (see README, "Mesures").
// pcsclite stays external: it is a native addon, loaded lazily so the demo runs without it.
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { NODE_FLAGS } from './node-flags.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const entry = process.argv[2] ?? 'src/app/main.tsx';
const outfile = process.argv[3] ?? 'dist/cps-audit.mjs';
// scripts/package.sh asks for esbuild's metafile: which npm packages the bundle holds, for the
// licences in the Debian package's copyright file.
const metafile = process.argv[4];

// Ink loads its devtools module (which imports react-devtools-core and ws, then calls
// devtools.initialize()) only when DEV=true; the tool never ships them. The whole module is
// replaced by an empty one, so DEV=true in a user's environment changes nothing.
const noDevtools = {
  name: 'no-devtools',
  setup(b) {
    b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'empty' }));
    b.onResolve({ filter: /^\.\/devtools\.js$/ }, (args) =>
      /[\\/]ink[\\/]/.test(args.importer) ? { path: 'ink-devtools', namespace: 'empty' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

// yoga-layout (Ink's layout engine) instantiates its WebAssembly from a base64 string, but asks
// fetch() for it first whenever fetch exists: on Node that loads undici, some 100 ms of start-up
// (CPU profile, docs/benchmarks.md), to read a data: URL. Its own synchronous path decodes the
// same string; the bundle takes that path. The build fails if the pattern is gone (a new yoga).
const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(b) {
    b.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const patched = source.replaceAll('"function"!=typeof fetch', 'true');
      if (patched === source) throw new Error('yoga-without-fetch: le motif « typeof fetch » est absent de yoga-layout');
      return { contents: patched, loader: 'js' };
    });
  },
};

// Ink draws a frame at the end of every React commit, and throttles the next ones to 30 a
// second. A key press makes two commits: the new screen, then the scroll view's measured height
// (a layout effect, src/screens/scroll-view.tsx) that sets the key bar and the "suite" marks. So
// each key drew a first frame with a stale key bar, and its true frame 33 ms later (the throttle's
// trailing edge): two full frames of CPU, the right one late. The bundle's Ink asks for its frame
// once the commits of the current turn of the event loop are done (setImmediate), so the same
// throttle draws one frame, the right one, at once. The build fails if the pattern is gone.
const inkOneFramePerTurn = {
  name: 'ink-one-frame-per-turn',
  setup(b) {
    b.onLoad({ filter: /[\\/]ink[\\/]build[\\/]ink\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const from = `this.rootNode.onRender = () => {
                this.hasPendingThrottledRender = true;
                throttled();
            };`;
      const to = `let frameAsked = false;
            this.rootNode.onRender = () => {
                if (frameAsked)
                    return;
                frameAsked = true;
                setImmediate(() => {
                    frameAsked = false;
                    this.hasPendingThrottledRender = true;
                    throttled();
                });
            };`;
      if (!source.includes(from)) throw new Error('ink-one-frame-per-turn : le motif « rootNode.onRender » est absent d’Ink');
      return { contents: source.replace(from, to), loader: 'js' };
    });
  },
};

const result = await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['pcsclite'],
  plugins: [noDevtools, yogaWithoutFetch, inkOneFramePerTurn],
  define: { 'process.env.NODE_ENV': '"production"', __CPS_AUDIT_VERSION__: JSON.stringify(pkg.version) },
  // CommonJS dependencies inside an ESM bundle still call require().
  banner: {
    // Run directly (package.json's bin), the bundle gets the launcher's heap flags (node-flags.mjs).
    js:
      `#!/usr/bin/env -S node ${NODE_FLAGS.join(' ')}\n` +
      "import { createRequire as __cpsCreateRequire } from 'node:module';\nconst require = __cpsCreateRequire(import.meta.url);",
  },
  legalComments: 'none',
  // Half the bytes for Node to read and compile at each start (2.2 MB → 1.1 MB), and less memory.
  minify: true,
  logLevel: 'warning',
  metafile: metafile !== undefined,
});
if (metafile !== undefined) writeFileSync(metafile, JSON.stringify(result.metafile));

// The PC/SC process (src/card/transport/pcsc-host.ts), beside the tool: the tool starts it with
// `node <dir>/pcsc-host.mjs`, so that a mute card never stops the tool's own thread (issue 18).
await build({
  entryPoints: ['src/card/transport/pcsc-host.ts'],
  outfile: new URL('pcsc-host.mjs', pathToFileURL(outfile)).pathname,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['pcsclite'],
  banner: {
    js: "import { createRequire as __cpsCreateRequire } from 'node:module';\nconst require = __cpsCreateRequire(import.meta.url);",
  },
  legalComments: 'none',
  minify: true,
  logLevel: 'warning',
});
