// Types of scripts/node-flags.mjs (a plain ES module: scripts/install.sh runs it with node).
export declare const NODE_FLAGS: readonly string[];
