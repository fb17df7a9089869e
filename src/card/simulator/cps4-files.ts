// The simulated CPS4's files (OURS, docs/card.md §2 and §4): the CPS3's layout behind the ChipDoc applet,
// with the CPS4's labels in EF.DIR and TokenInfo. The labels have the same length, so the CPS3's
// encoding is kept byte for byte and only the generation's name changes.

import { equalBytes, fromHex } from '../bytes.js';
import { buildCps3Files, type CardCertificates } from './cps3-files.js';
import { text } from './der.js';
import { ef, type Df, type Ef } from './file-system.js';
import type { HolderData } from './fixture-holders.js';
import { APP_LABEL, CHIPDOC_AID_HEX, CPS4_APP_LABEL, CPS4_TOKEN_LABEL, FID, TOKEN_LABEL } from './profile.js';

export const CHIPDOC_AID = fromHex(CHIPDOC_AID_HEX);

/** `data` with its one occurrence of `from` replaced by `to` (same length). */
function relabel(data: Uint8Array, from: string, to: string): Uint8Array {
  const a = text(from);
  const b = text(to);
  if (a.length !== b.length) throw new Error(`libellés de longueurs différentes : ${from} / ${to}`);
  const at: number[] = [];
  for (let i = 0; i + a.length <= data.length; i++) if (equalBytes(data.subarray(i, i + a.length), a)) at.push(i);
  if (at.length !== 1) throw new Error(`libellé « ${from} » trouvé ${at.length} fois`);
  const out = data.slice();
  out.set(b, at[0]);
  return out;
}

function replaceEf(dir: Df, fid: number, change: (data: Uint8Array) => Uint8Array): void {
  const i = dir.children.findIndex((c) => c.kind === 'ef' && c.fid === fid);
  const old = dir.children[i] as Ef | undefined;
  if (!old) throw new Error(`fichier ${fid.toString(16)} absent`);
  const next = ef(old.fid, change(old.data), {
    ...(old.needsPin ? { needsPin: true } : {}),
    ...(old.sfi === undefined ? {} : { sfi: old.sfi }),
  });
  next.parent = dir;
  dir.children[i] = next;
}

/** The MF the ChipDoc applet shows on channel 1. */
export function buildCps4Files(h: HolderData, certs: CardCertificates): Df {
  const mf = buildCps3Files(h, certs);
  replaceEf(mf, FID.DIR, (d) => relabel(d, APP_LABEL, CPS4_APP_LABEL));
  const app = mf.children.find((c): c is Df => c.kind === 'df' && c.fid === FID.APP);
  if (!app) throw new Error('application PKCS#15 absente');
  replaceEf(app, FID.TOKEN_INFO, (d) => relabel(d, TOKEN_LABEL, CPS4_TOKEN_LABEL));
  return mf;
}
