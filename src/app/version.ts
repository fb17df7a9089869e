// cps-audit's own version: set by the bundler (scripts/build.mjs), read from package.json when
// running from the sources (tsx, tests).

import { readFileSync } from 'node:fs';

declare const __CPS_AUDIT_VERSION__: string | undefined;

function fromPackage(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? 'inconnue';
  } catch {
    return 'inconnue';
  }
}

export const VERSION: string = typeof __CPS_AUDIT_VERSION__ === 'string' ? __CPS_AUDIT_VERSION__ : fromPackage();
