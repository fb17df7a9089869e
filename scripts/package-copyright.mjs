// Writes the Debian package's copyright file (machine-readable format 1.0) for scripts/package.sh:
// cps-audit's own licence, then every package it ships, each with its copyright lines and its
// licence file as shipped: the npm packages inside the bundle (from esbuild's metafile), the PC/SC
// binding and its runtime modules, nan (compiled into the binding), and the Node runtime (whose
// LICENSE lists the licences of what Node itself bundles).
// Usage: node scripts/package-copyright.mjs METAFILE NODE_LICENSE BINDING_NODE_MODULES > copyright
// Fails, naming the package, when a bundled package declares no licence.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const [metafile, nodeLicense, bindingModules] = process.argv.slice(2);
if (!metafile || !nodeLicense || !bindingModules) {
  console.error('usage : node scripts/package-copyright.mjs METAFILE NODE_LICENSE BINDING_NODE_MODULES');
  process.exit(2);
}
const root = join(dirname(new URL(import.meta.url).pathname), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

// SPDX identifiers of npm to the short names of Debian's format.
const DEBIAN_NAME = { MIT: 'Expat', ISC: 'ISC', 'BSD-3-Clause': 'BSD-3-clause', '0BSD': '0BSD', 'Apache-2.0': 'Apache-2.0' };
const TEXTS = {
  Expat: `Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the "Software"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions:
.
The above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.
.
THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.`,
  ISC: `Permission to use, copy, modify, and/or distribute this software for any purpose with or without fee is hereby granted, provided that the above copyright notice and this permission notice appear in all copies.
.
THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES WITH REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF OR IN CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE.`,
  '0BSD': `Permission to use, copy, modify, and/or distribute this software for any purpose with or without fee is hereby granted.
.
THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES WITH REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF OR IN CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE.`,
  'BSD-3-clause': `Redistribution and use in source and binary forms, with or without modification, are permitted provided that the following conditions are met:
.
1. Redistributions of source code must retain the above copyright notice, this list of conditions and the following disclaimer.
2. Redistributions in binary form must reproduce the above copyright notice, this list of conditions and the following disclaimer in the documentation and/or other materials provided with the distribution.
3. Neither the name of the copyright holder nor the names of its contributors may be used to endorse or promote products derived from this software without specific prior written permission.
.
THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.`,
  'Apache-2.0': `Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
.
On Debian systems, the complete text of the Apache License, Version 2.0 can be found in /usr/share/common-licenses/Apache-2.0.`,
};

/** A package folder: name, version, Debian licence name, copyright lines, licence files as shipped. */
function describe(dir) {
  const p = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const spdx = typeof p.license === 'string' ? p.license : p.license?.type;
  const licence = DEBIAN_NAME[spdx];
  if (!licence) throw new Error(`${p.name} ${p.version} : licence « ${spdx ?? 'absente'} » inconnue de scripts/package-copyright.mjs`);
  const files = readdirSync(dir).filter((f) => /^(licen[cs]e|copying|notice|copyrightnotice)/i.test(f));
  const texts = files.map((f) => ({ file: f, text: readFileSync(join(dir, f), 'utf8') }));
  let lines = texts.flatMap((t) =>
    t.text
      .split('\n')
      .map((l) => l.replace(/^[\s/*!#]+/, '').trim())
      .filter((l) => /^(copyright\b|\(c\)|©)/i.test(l) && !/copyright (notice|holders?|owner)/i.test(l)),
  );
  // yoga-layout ships no licence file: its copyright line is in its sources.
  if (lines.length === 0) {
    const dist = join(dir, 'dist');
    const any = existsSync(dist) ? findCopyright(dist) : undefined;
    if (any) lines = [any];
  }
  if (lines.length === 0) lines = [`${typeof p.author === 'string' ? p.author : (p.author?.name ?? `the authors of ${p.name}`)}`];
  return { name: p.name, version: p.version, licence, lines: [...new Set(lines)], texts };
}

function findCopyright(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      const found = findCopyright(path);
      if (found) return found;
    } else if (/\.(js|mjs|cjs)$/.test(e.name)) {
      const m = /Copyright \(c\) [^*\n\\"]+/.exec(readFileSync(path, 'utf8'));
      if (m) return m[0].trim();
    }
  }
  return undefined;
}

// Folders of the npm packages whose files esbuild put into the bundle.
const inputs = Object.keys(JSON.parse(readFileSync(metafile, 'utf8')).inputs);
const bundled = new Map();
for (const input of inputs) {
  const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (m) bundled.set(relative(root, join(root, m[1])), join(root, m[1]));
}
const bundle = [...bundled.values()].map(describe).sort((a, b) => a.name.localeCompare(b.name));
const binding = ['pcsclite', 'bindings', 'file-uri-to-path', 'nan'].map((n) => describe(join(bindingModules, n)));

/** A field's continuation lines: one space in front, an empty line written " .". */
const block = (text) =>
  text
    .replace(/\r/g, '')
    .trimEnd()
    .split('\n')
    .map((l) => (l.trim() === '' ? ' .' : ` ${l.trimEnd()}`))
    .join('\n');
// The Apache License's full text stays in /usr/share/common-licenses (Debian policy 12.5).
const fullApache = (text) => /Apache License/.test(text) && /TERMS AND CONDITIONS/.test(text);
/** Node's LICENSE, each full text of the Apache License 2.0 in it replaced by its place on Debian. */
const withoutFullApache = (text) =>
  text.replace(
    /^[ \t]*Apache License\s*\n\s*Version 2\.0, January 2004[\s\S]*?END OF TERMS AND CONDITIONS/gm,
    '    [The Apache License, Version 2.0: /usr/share/common-licenses/Apache-2.0]',
  );
const verbatim = (d) =>
  d.texts
    .map((t) =>
      fullApache(t.text)
        ? `==== ${d.name} ${d.version} : ${t.file} ====\nThe Apache License, Version 2.0: /usr/share/common-licenses/Apache-2.0`
        : `==== ${d.name} ${d.version} : ${t.file} ====\n${t.text.trim()}`,
    )
    .join('\n\n');
const licences = (ds) => [...new Set(ds.map((d) => d.licence))].sort().join(' and ');

const out = [];
out.push(`Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: cps-audit
Comment: cps-audit ships its own Node.js runtime, its code bundled with the npm packages it uses
 (one file, usr/lib/cps-audit/cps-audit.mjs) and the PC/SC binding pcsclite built for that runtime.
 It uses the system's libpcsclite (package libpcsclite1), never a copy of its own.`);
out.push(`Files: *
Copyright: cps-audit contributors
License: Expat`);
const own = { name: 'cps-audit', version: pkg.version, licence: 'Expat', lines: ['cps-audit contributors'], texts: [] };
const inBundle = [own, ...bundle];
out.push(`Files: usr/lib/cps-audit/cps-audit.mjs
Copyright:${block([...new Set(inBundle.flatMap((d) => d.lines))].join('\n'))}
License: ${licences(inBundle)}
Comment: cps-audit's own code and these npm packages, bundled (esbuild) into one file:
${block(bundle.map((d) => `${d.name} ${d.version} (${d.licence})`).join('\n'))}
 .
 Each package's licence files as it ships them:
 .
${block(
  bundle
    .filter((d) => d.texts.length > 0)
    .map(verbatim)
    .join('\n\n'),
)}`);
out.push(`Files: usr/lib/cps-audit/node_modules/*
Copyright:${block([...new Set(binding.flatMap((d) => d.lines))].join('\n'))}
License: ${licences(binding)}
Comment: the PC/SC binding and the modules it loads at run time; nan's headers are compiled into
 pcsclite.node:
${block(binding.map((d) => `${d.name} ${d.version} (${d.licence})`).join('\n'))}
 .
${block(binding.map(verbatim).join('\n\n'))}`);
out.push(`Files: usr/lib/cps-audit/node
Copyright: Node.js contributors and the authors of the components Node.js bundles (see below)
License: Expat and others
Comment: Node.js's LICENSE, as shipped with the runtime, with the licences of the components
 it bundles:
 .
${block(withoutFullApache(readFileSync(nodeLicense, 'utf8')))}`);
const used = new Set(['Expat', ...inBundle.map((d) => d.licence), ...binding.map((d) => d.licence)]);
for (const name of [...used].sort()) out.push(`License: ${name}\n${block(TEXTS[name])}`);
out.push(`License: Expat and others
 The licence of Node.js (Expat) and of each component it bundles is given in full in the
 Comment of the paragraph for usr/lib/cps-audit/node.`);
process.stdout.write(`${out.join('\n\n')}\n`);
