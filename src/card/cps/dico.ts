// ANS's nomenclature dictionary DICO-FR.GIP, as the Cryptolib CPS installs it
// (/etc/opt/santesocial/CPS/DICO-FR.GIP; older installs /usr/local/galss/DICO-FR.GIP). Latin-1,
// CRLF, tab-separated: table, code, two empty fields, the label's length, the label. Table G999
// holds the version ("Version : 02.18 - 28/02/2020") and a SHA-1 of every byte before the
// checksum line. A file whose checksum does not match is not used (only its version is told).
// One row of v02.18 (G12 131) declares a length shorter than its label: the label is trusted.

import { createHash } from 'node:crypto';

export interface Dico {
  /** "02.18 - 28/02/2020", or null when the file does not say. */
  readonly version: string | null;
  /** Whether G999's SHA-1 matches the bytes before it (null: no checksum line). */
  readonly checksumOk: boolean | null;
  /** table → code → label. */
  readonly tables: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

const CHECKSUM_LINE = /^G999\tChecksum\t[^\r\n]*\r?\n?/m;

/** Parses the file's bytes (Latin-1). Never throws: a malformed line is skipped. */
export function parseDico(bytes: Uint8Array): Dico {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = buf.toString('latin1');
  const tables = new Map<string, Map<string, string>>();
  let version: string | null = null;
  let declared: string | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const f = line.split('\t');
    if (f.length < 6) continue;
    const [table, code, , , , ...rest] = f;
    const label = rest.join('\t');
    if (!table || code === undefined) continue;
    if (table === 'G999' && code === 'Version') version = label.replace(/^Version\s*:\s*/, '').trim() || null;
    if (table === 'G999' && code === 'Checksum') declared = /([0-9A-Fa-f]{40})/.exec(label)?.[1]?.toUpperCase() ?? null;
    let t = tables.get(table);
    if (!t) tables.set(table, (t = new Map<string, string>()));
    t.set(code, label);
  }
  let checksumOk: boolean | null = null;
  const m = CHECKSUM_LINE.exec(text);
  if (declared !== null && m) {
    // latin1 is one byte per character: the index in the text is the offset in the file.
    const actual = createHash('sha1').update(buf.subarray(0, m.index)).digest('hex').toUpperCase();
    checksumOk = actual === declared;
  }
  return { version, checksumOk, tables };
}

/** Where the Cryptolib installs it, newest place first. */
export const DICO_PATHS: readonly string[] = ['/etc/opt/santesocial/CPS/DICO-FR.GIP', '/usr/local/galss/DICO-FR.GIP'];
