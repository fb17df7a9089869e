// `diagnose`, the workstation around the card (issue 22): the ANS Cryptolib CPS and its
// dictionary, GALSS, Firefox's PKCS#11 manifest and a snap Firefox, a remote session's PC/SC
// redirection, SESAM-Vitale readers on USB but not in PC/SC, the ATR as pcsc-tools knows it. One
// function per check, each with its remedy. Every path is read under `ws.root` ("/" on a real
// machine; a fake workstation folder in tests, given by CPS_AUDIT_TEST_ROOT), and none throws.
// Facts on the Cryptolib's files: docs/diagnose.md (from the Cryptolib 5.2.2 RPM).

import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hex } from '../../card/bytes.js';
import { DICO_PATHS, parseDico } from '../../card/cps/dico.js';
import type { ReaderState } from '../../card/transport/transport.js';
import { safeText } from '../../card/safe-text.js';
import { t } from '../../i18n/index.js';
import type { Check } from './diagnose.js';

export interface Workstation {
  /** "/" on a real machine; tests: a fake root (CPS_AUDIT_TEST_ROOT). */
  readonly root: string;
  readonly env: NodeJS.ProcessEnv;
  /** The user's home, as seen inside the root. */
  readonly home: string;
}

/** The test-only variable naming a fake workstation root. */
export const TEST_ROOT_VARIABLE = 'CPS_AUDIT_TEST_ROOT';

export function workstation(env: NodeJS.ProcessEnv = process.env): Workstation {
  const fake = env[TEST_ROOT_VARIABLE];
  const root = fake !== undefined && fake !== '' && path.isAbsolute(fake) ? fake : '/';
  return { root, env, home: env.HOME ?? os.homedir() };
}

const at = (ws: Workstation, p: string) => path.join(ws.root, p);
const there = (ws: Workstation, p: string) => existsSync(at(ws, p));

function readSmall(ws: Workstation, p: string, max = 4 * 1024 * 1024): Buffer | undefined {
  try {
    const full = at(ws, p);
    const st = lstatSync(full);
    if (!st.isFile() || st.size > max) return undefined;
    return readFileSync(full);
  } catch {
    return undefined;
  }
}

function list(ws: Workstation, p: string): string[] {
  try {
    return readdirSync(at(ws, p));
  } catch {
    return [];
  }
}

// --- The Cryptolib CPS -----------------------------------------------------------------------

/** Where the Cryptolib's installers write their version files (NNN.adm), newest place first. */
export const ADM_DIRS: readonly string[] = ['/var/opt/santesocial/commun/adm', '/usr/local/sesam/etc/adm'];

/** The Cryptolib's PKCS#11 module and folders, where its installers put them. */
export const CRYPTOLIB_PATHS: readonly string[] = [
  '/opt/santesocial/CPS/lib/libcps3_pkcs11_lux.so',
  '/usr/lib64/libcps3_pkcs11_lux.so',
  '/usr/lib/libcps3_pkcs11_lux.so',
  '/usr/lib/x86_64-linux-gnu/libcps3_pkcs11_lux.so',
  '/usr/local/lib/libcps3_pkcs11_lux.so',
  '/usr/local/galss/libcps3_pkcs11_lux.so',
  '/etc/opt/santesocial/CPS',
];

export interface AdmVersion {
  readonly file: string;
  /** "050202" as written. */
  readonly digits: string;
  /** "5.2.2". */
  readonly version: string;
  readonly label: string;
}

/** "050202" → "5.2.2"; undefined when it is not six digits. */
export function admVersion(digits: string): string | undefined {
  const m = /^(\d\d)(\d\d)(\d\d)$/.exec(digits.trim());
  return m ? `${Number(m[1])}.${Number(m[2])}.${Number(m[3])}` : undefined;
}

/** 155.adm: the Cryptolib's 64-bit installer (the Cryptolib's own version). */
export function cryptolibVersion(ws: Workstation): AdmVersion | undefined {
  for (const dir of ADM_DIRS) {
    const b = readSmall(ws, `${dir}/155.adm`, 4096);
    if (!b) continue;
    const [first = '', second = ''] = b.toString('latin1').split(/\r?\n/);
    const version = admVersion(first);
    if (version) return { file: `${dir}/155.adm`, digits: first.trim(), version, label: safeText(second).trim() };
  }
  return undefined;
}

const older = (v: string, major: number, minor: number) => {
  const [a = 0, b = 0] = v.split('.').map(Number);
  return a < major || (a === major && b < minor);
};

/** Installed or not, its version; a CPS4 in a reader with a Cryptolib older than 5.2 cannot be read by it. */
export function checkCryptolib(ws: Workstation, cps4InReader: boolean): Check {
  const label = t('diag.i22.cryptolib');
  const v = cryptolibVersion(ws);
  const found = CRYPTOLIB_PATHS.filter((p) => there(ws, p));
  if (!v && found.length === 0) return { id: 'cryptolib', label, status: 'info', value: t('diag.i22.cryptolib.none') };
  const value = v
    ? t('diag.i22.cryptolib.version', { version: v.version, file: v.file })
    : t('diag.i22.cryptolib.noVersion', { paths: found.join(', ') });
  if (v && cps4InReader && older(v.version, 5, 2))
    return {
      id: 'cryptolib',
      label,
      status: 'problem',
      value: value + t('diag.i22.cryptolib.cps4'),
      remedy: t('diag.i22.cryptolib.cps4.remedy'),
    };
  return { id: 'cryptolib', label, status: 'ok', value };
}

export const PKCS11_CONF = '/etc/opt/santesocial/CPS/cps3_pkcs11.conf';

/** `Traces { active = true; ... }`: the module writes its own traces, which may hold codes. */
export function tracesActive(conf: string): boolean {
  const block = /Traces\s*\{([^}]*)\}/i.exec(conf.replace(/#[^\n]*/g, ''));
  return block !== null && /\bactive\s*=\s*(true|yes|1)\b/i.test(block[1] ?? '');
}

export function checkCryptolibTraces(ws: Workstation): Check | undefined {
  const b = readSmall(ws, PKCS11_CONF, 64 * 1024);
  if (!b) return undefined;
  const label = t('diag.i22.traces');
  if (!tracesActive(b.toString('latin1')))
    return { id: 'cryptolib-traces', label, status: 'ok', value: t('diag.i22.traces.off', { file: PKCS11_CONF }) };
  return {
    id: 'cryptolib-traces',
    label,
    status: 'problem',
    value: t('diag.i22.traces.on', { file: PKCS11_CONF }),
    remedy: t('diag.i22.traces.remedy', { file: PKCS11_CONF }),
  };
}

export function checkGalss(ws: Workstation): Check | undefined {
  if (!there(ws, '/usr/local/galss')) return undefined;
  return { id: 'galss', label: 'GALSS', status: 'info', value: t('diag.i22.galss', { dir: '/usr/local/galss' }) };
}

/** The installed DICO-FR.GIP: its version, and whether its SHA-1 matches (else it is not used). */
export function checkDictionary(ws: Workstation): Check | undefined {
  for (const p of DICO_PATHS) {
    const b = readSmall(ws, p);
    if (!b) continue;
    const d = parseDico(b);
    const label = t('diag.i22.dico');
    if (d.checksumOk === false)
      return {
        id: 'dico',
        label,
        status: 'problem',
        value: t('diag.i22.dico.badSum', { file: p, version: d.version ?? '?' }),
        remedy: t('diag.i22.dico.badSum.remedy'),
      };
    return { id: 'dico', label, status: 'ok', value: t('diag.i22.dico.version', { file: p, version: d.version ?? '?' }) };
  }
  return undefined;
}

// --- Browsers ----------------------------------------------------------------------------------

export const FIREFOX_MANIFEST = '/usr/lib/mozilla/pkcs11-modules/cps3.json';

export function checkFirefoxManifest(ws: Workstation, cryptolibInstalled: boolean): Check | undefined {
  const label = t('diag.i22.firefox');
  const b = readSmall(ws, FIREFOX_MANIFEST, 64 * 1024);
  if (!b) {
    if (!cryptolibInstalled) return undefined;
    return {
      id: 'firefox-manifest',
      label,
      status: 'problem',
      value: t('diag.i22.firefox.noManifest', { file: FIREFOX_MANIFEST }),
      remedy: t('diag.i22.firefox.noManifest.remedy'),
    };
  }
  let module: string | undefined;
  try {
    const m = JSON.parse(b.toString('utf8')) as { path?: unknown };
    module = typeof m.path === 'string' ? m.path : undefined;
  } catch {
    module = undefined;
  }
  if (module === undefined)
    return {
      id: 'firefox-manifest',
      label,
      status: 'problem',
      value: t('diag.i22.firefox.badManifest', { file: FIREFOX_MANIFEST }),
      remedy: t('diag.i22.firefox.noManifest.remedy'),
    };
  if (!there(ws, module))
    return {
      id: 'firefox-manifest',
      label,
      status: 'problem',
      value: t('diag.i22.firefox.noModule', { file: FIREFOX_MANIFEST, module: safeText(module) }),
      remedy: t('diag.i22.firefox.noManifest.remedy'),
    };
  return {
    id: 'firefox-manifest',
    label,
    status: 'ok',
    value: t('diag.i22.firefox.manifest', { file: FIREFOX_MANIFEST, module: safeText(module) }),
  };
}

/** Firefox as a snap: confined, it cannot load a PKCS#11 module of the host (OpenSC #2552). */
export function checkFirefoxSnap(ws: Workstation, cryptolibInstalled: boolean): Check | undefined {
  const snap = there(ws, '/snap/firefox') || list(ws, '/var/lib/snapd/snaps').some((f) => f.startsWith('firefox_'));
  if (!snap) return undefined;
  return {
    id: 'firefox-snap',
    label: t('diag.i22.snap'),
    status: cryptolibInstalled ? 'problem' : 'info',
    value: t('diag.i22.snap.value'),
    ...(cryptolibInstalled ? { remedy: t('diag.i22.snap.remedy') } : {}),
  };
}

// --- Remote sessions ----------------------------------------------------------------------------

export type Redirection = 'xrdp' | 'citrix' | 'other';

/** What the socket's path says of who provides it. */
export function redirectionOf(socket: string, env: NodeJS.ProcessEnv): Redirection {
  if (/\/\.pcsc\d+\//.test(socket) || env.XRDP_SESSION !== undefined) return 'xrdp';
  if (/citrix|ctx/i.test(socket)) return 'citrix';
  return 'other';
}

/** PCSCLITE_CSOCK_NAME moves PC/SC to another socket: a remote session's redirection, named as such. */
export function checkRemoteSession(ws: Workstation): Check | undefined {
  const socket = ws.env.PCSCLITE_CSOCK_NAME;
  const xrdpDirs = list(ws, ws.home).filter((f) => /^\.pcsc\d+$/.test(f));
  if (socket === undefined || socket === '') {
    if (xrdpDirs.length === 0 || ws.env.XRDP_SESSION === undefined) return undefined;
  }
  const where = socket && socket !== '' ? socket : path.join(ws.home, xrdpDirs[0]!, 'pcscd.comm');
  const kind = redirectionOf(where, ws.env);
  return {
    id: 'remote-session',
    label: t('diag.i22.remote'),
    status: 'info',
    value: t(`diag.i22.remote.${kind}`, { socket: safeText(where) }),
    remedy: t('diag.i22.remote.remedy'),
  };
}

// --- Readers ----------------------------------------------------------------------------------

/** USB vendors of SESAM-Vitale readers, which may run in PSS/GALSS mode instead of PC/SC. */
export const SESAM_VENDORS: Readonly<Record<string, string>> = {
  '0b00': 'Ingenico',
};

export interface UsbDevice {
  readonly vendor: string;
  readonly product: string;
  readonly name: string;
}

export function usbDevices(ws: Workstation): UsbDevice[] {
  const out: UsbDevice[] = [];
  for (const d of list(ws, '/sys/bus/usb/devices')) {
    const read = (f: string) => readSmall(ws, `/sys/bus/usb/devices/${d}/${f}`, 4096)?.toString('utf8').trim();
    const vendor = read('idVendor')?.toLowerCase();
    if (!vendor) continue;
    const product = read('idProduct')?.toLowerCase() ?? '';
    const name = safeText([read('manufacturer'), read('product')].filter(Boolean).join(' '));
    out.push({ vendor, product, name });
  }
  return out;
}

/** A SESAM-Vitale reader on USB that no PC/SC reader stands for: in PSS/GALSS mode, not PC/SC. */
export function checkSesamReaders(ws: Workstation, pcscReaders: readonly ReaderState[] | undefined): Check[] {
  const out: Check[] = [];
  for (const dev of usbDevices(ws)) {
    const brand = SESAM_VENDORS[dev.vendor];
    if (brand === undefined) continue;
    const shown = dev.name || `${brand} ${dev.vendor}:${dev.product}`;
    const label = t('diag.i22.usb', { name: shown });
    const inPcsc = pcscReaders?.some((r) => r.name.toLowerCase().includes(brand.toLowerCase()));
    if (pcscReaders === undefined) {
      out.push({ id: 'sesam-reader', label, status: 'info', value: t('diag.i22.usb.unknown', { id: `${dev.vendor}:${dev.product}` }) });
    } else if (inPcsc) {
      out.push({ id: 'sesam-reader', label, status: 'ok', value: t('diag.i22.usb.pcsc', { id: `${dev.vendor}:${dev.product}` }) });
    } else {
      out.push({
        id: 'sesam-reader',
        label,
        status: 'problem',
        value: t('diag.i22.usb.pss', { id: `${dev.vendor}:${dev.product}` }),
        remedy: t('diag.i22.usb.pss.remedy'),
      });
    }
  }
  return out;
}

export const SMARTCARD_LIST = '/usr/share/pcsc/smartcard_list.txt';

/** The ATR as pcsc-tools' smartcard_list.txt describes it (its lines are regular expressions). */
export function explainAtr(ws: Workstation, atr: Uint8Array): string | undefined {
  const b = readSmall(ws, SMARTCARD_LIST, 8 * 1024 * 1024);
  if (!b) return undefined;
  const wanted = hex(atr).toUpperCase();
  const lines = b.toString('utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '' || line.startsWith('#') || line.startsWith('\t')) continue;
    let re: RegExp;
    try {
      re = new RegExp(`^${line.trim().toUpperCase()}$`);
    } catch {
      continue;
    }
    if (!re.test(wanted)) continue;
    const words: string[] = [];
    for (let j = i + 1; j < lines.length && lines[j]!.startsWith('\t'); j++) words.push(safeText(lines[j]!.trim()));
    return words.join(' — ') || undefined;
  }
  return undefined;
}

/** The installed DICO-FR.GIP, for the labels our own tables lack (used only when its SHA-1 matches). */
export function installedDictionary(ws: Workstation): ReturnType<typeof parseDico> | undefined {
  for (const p of DICO_PATHS) {
    const b = readSmall(ws, p);
    if (b) return parseDico(b);
  }
  return undefined;
}
