// `diagnose` for the whole workstation (issue 22): each check on a fake workstation root, given
// as the tool takes it (CPS_AUDIT_TEST_ROOT), with the Cryptolib's real files where they matter
// (DICO-FR.GIP v02.18, test/fixtures/cryptolib). And the card: a blocked PIN, a PUK near its end,
// an expired card are problems with their remedies, read from the simulated cards.

import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardChecks } from '../../../src/app/commands/diagnose-card.js';
import { checkReader, checkReaderCount, runDiagnose, type Check } from '../../../src/app/commands/diagnose.js';
import { EXIT } from '../../../src/app/exit-codes.js';
import {
  checkCryptolib,
  checkCryptolibTraces,
  checkDictionary,
  checkFirefoxManifest,
  checkFirefoxSnap,
  checkGalss,
  checkRemoteSession,
  checkSesamReaders,
  explainAtr,
  workstation,
  type Workstation,
} from '../../../src/app/commands/workstation.js';
import { fromHex } from '../../../src/card/bytes.js';
import { createCardService } from '../../../src/card/cps/service.js';
import { createFixtureCard, type FixtureName } from '../../../src/card/simulator/fixtures.js';
import { DEFAULT_READER, InProcessTransport } from '../../../src/card/transport/in-process.js';
import { setLanguage } from '../../../src/i18n/index.js';

const DICO = new URL('../../fixtures/cryptolib/DICO-FR.GIP', import.meta.url);
const CPS3_ATR = fromHex('3B AC 00 40 2A 00 12 25 00 64 80 00 03 10 00 90 00');
const VITALE_ATR = fromHex('3B 75 13 00 00 43 09 EA 90 00');

let root: string;
let ws: Workstation;

function put(p: string, content: string | Buffer) {
  const full = path.join(root, p);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, content);
}

beforeEach(() => {
  setLanguage('fr');
  root = mkdtempSync(path.join(os.tmpdir(), 'ws-'));
  ws = workstation({ CPS_AUDIT_TEST_ROOT: root, HOME: '/home/soignant' });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the fake root', () => {
  it('is taken from CPS_AUDIT_TEST_ROOT only when absolute; "/" otherwise', () => {
    expect(ws.root).toBe(root);
    expect(workstation({ CPS_AUDIT_TEST_ROOT: 'relative' }).root).toBe('/');
    expect(workstation({}).root).toBe('/');
  });
});

describe('the Cryptolib CPS', () => {
  it('not installed: said, not a problem', () => {
    const c = checkCryptolib(ws, false);
    expect(c).toMatchObject({ status: 'info', value: expect.stringContaining('non installée') });
  });

  it('its version from 155.adm (installer 64 bits)', () => {
    put('/var/opt/santesocial/commun/adm/155.adm', '050202\r\nINSTALLEUR_CRYPTOLIB_CPS_64B\r\n');
    const c = checkCryptolib(ws, true);
    expect(c).toMatchObject({ status: 'ok', value: 'version 5.2.2 (/var/opt/santesocial/commun/adm/155.adm)' });
  });

  it('older installs keep it under /usr/local/sesam/etc/adm', () => {
    put('/usr/local/sesam/etc/adm/155.adm', '050100\nINSTALLEUR_CRYPTOLIB_CPS_64B\n');
    expect(checkCryptolib(ws, false)).toMatchObject({ status: 'ok', value: expect.stringContaining('version 5.1.0') });
  });

  it('a CPS4 in a reader with a Cryptolib older than 5.2 is a problem with its remedy', () => {
    put('/var/opt/santesocial/commun/adm/155.adm', '050100\nINSTALLEUR_CRYPTOLIB_CPS_64B\n');
    const c = checkCryptolib(ws, true);
    expect(c.status).toBe('problem');
    expect(c.value).toContain('ne lit pas les CPS4');
    expect(c.remedy).toContain('5.2 ou plus récente');
  });

  it('installed without a version file: its module is named', () => {
    put('/opt/santesocial/CPS/lib/libcps3_pkcs11_lux.so', '');
    expect(checkCryptolib(ws, false)).toMatchObject({ status: 'ok', value: expect.stringContaining('version inconnue') });
  });

  it('its PKCS#11 traces switched on are a problem (they may hold codes); off is fine', () => {
    expect(checkCryptolibTraces(ws)).toBeUndefined();
    put('/etc/opt/santesocial/CPS/cps3_pkcs11.conf', 'Traces\n{\n  active = false;\n  debug = 0;\n}\n');
    expect(checkCryptolibTraces(ws)?.status).toBe('ok');
    put('/etc/opt/santesocial/CPS/cps3_pkcs11.conf', '# active = false;\nTraces\n{\n  active = true;\n  debug = 3;\n}\n');
    const c = checkCryptolibTraces(ws);
    expect(c?.status).toBe('problem');
    expect(c?.value).toContain('peuvent contenir des codes');
    expect(c?.remedy).toContain('active = false;');
  });

  it('GALSS present', () => {
    expect(checkGalss(ws)).toBeUndefined();
    mkdirSync(path.join(root, 'usr/local/galss'), { recursive: true });
    expect(checkGalss(ws)).toMatchObject({ status: 'info', label: 'GALSS' });
  });

  it('DICO-FR.GIP: its version when its SHA-1 matches; a changed file is a problem and is not used', () => {
    expect(checkDictionary(ws)).toBeUndefined();
    mkdirSync(path.join(root, 'etc/opt/santesocial/CPS'), { recursive: true });
    copyFileSync(DICO, path.join(root, 'etc/opt/santesocial/CPS/DICO-FR.GIP'));
    expect(checkDictionary(ws)).toMatchObject({ status: 'ok', value: expect.stringContaining('version 02.18 - 28/02/2020') });
    const bytes = readFileSync(DICO);
    bytes[100] = bytes[100]! ^ 1;
    put('/etc/opt/santesocial/CPS/DICO-FR.GIP', bytes);
    expect(checkDictionary(ws)).toMatchObject({ status: 'problem', value: expect.stringContaining('SHA-1 fausse') });
  });
});

describe('browsers', () => {
  const manifest = JSON.stringify({
    name: 'cps3',
    description: 'Cryptolib CPS',
    type: 'pkcs11',
    path: '/opt/santesocial/CPS/lib/libcps3_pkcs11_lux.so',
    allowed_extensions: [],
  });

  it("Firefox's cps3.json: declared and its module there; missing while the Cryptolib is installed is a problem", () => {
    expect(checkFirefoxManifest(ws, false)).toBeUndefined();
    expect(checkFirefoxManifest(ws, true)).toMatchObject({ status: 'problem', value: expect.stringContaining('cps3.json absent') });
    put('/usr/lib/mozilla/pkcs11-modules/cps3.json', manifest);
    expect(checkFirefoxManifest(ws, true)).toMatchObject({ status: 'problem', value: expect.stringContaining(', absent') });
    put('/opt/santesocial/CPS/lib/libcps3_pkcs11_lux.so', '');
    expect(checkFirefoxManifest(ws, true)?.status).toBe('ok');
  });

  it('a Firefox installed as a snap cannot load the module: a problem when the Cryptolib is there', () => {
    expect(checkFirefoxSnap(ws, true)).toBeUndefined();
    mkdirSync(path.join(root, 'snap/firefox'), { recursive: true });
    const c = checkFirefoxSnap(ws, true);
    expect(c).toMatchObject({ status: 'problem', value: expect.stringContaining('OpenSC #2552') });
    expect(c?.remedy).toContain('.deb');
    expect(checkFirefoxSnap(ws, false)?.status).toBe('info');
  });
});

describe('remote sessions', () => {
  it("xrdp's redirected socket (~/.pcscNN) is named, with what it means for pinpads", () => {
    const xrdp = workstation({
      CPS_AUDIT_TEST_ROOT: root,
      HOME: '/home/soignant',
      PCSCLITE_CSOCK_NAME: '/home/soignant/.pcsc11/pcscd.comm',
    });
    const c = checkRemoteSession(xrdp);
    expect(c?.value).toBe('PC/SC redirigé par xrdp (socket /home/soignant/.pcsc11/pcscd.comm) : les lecteurs sont ceux du poste client');
    expect(c?.remedy).toContain('pinpad');
  });

  it("Citrix's, and another socket, each named; no redirection says nothing", () => {
    const citrix = workstation({ CPS_AUDIT_TEST_ROOT: root, PCSCLITE_CSOCK_NAME: '/var/run/citrix/pcsc/pcscd.comm' });
    expect(checkRemoteSession(citrix)?.value).toContain('Citrix');
    const other = workstation({ CPS_AUDIT_TEST_ROOT: root, PCSCLITE_CSOCK_NAME: '/tmp/x/pcscd.comm' });
    expect(checkRemoteSession(other)?.value).toContain('PCSCLITE_CSOCK_NAME');
    expect(checkRemoteSession(ws)).toBeUndefined();
  });

  it('an xrdp session whose variable was lost: its ~/.pcscNN folder is found', () => {
    mkdirSync(path.join(root, 'home/soignant/.pcsc10'), { recursive: true });
    const s = workstation({ CPS_AUDIT_TEST_ROOT: root, HOME: path.join(root, 'home/soignant'), XRDP_SESSION: '1' });
    const home = { ...s, home: '/home/soignant' };
    expect(checkRemoteSession(home)?.value).toContain('xrdp');
  });
});

describe('readers', () => {
  function usb(dev: string, vendor: string, product: string, maker: string, name: string) {
    put(`/sys/bus/usb/devices/${dev}/idVendor`, `${vendor}\n`);
    put(`/sys/bus/usb/devices/${dev}/idProduct`, `${product}\n`);
    put(`/sys/bus/usb/devices/${dev}/manufacturer`, `${maker}\n`);
    put(`/sys/bus/usb/devices/${dev}/product`, `${name}\n`);
  }

  it('a SESAM-Vitale reader on USB but absent from PC/SC: in PSS/GALSS mode, with how to switch', () => {
    usb('1-2', '0b00', '3070', 'Ingenico', 'iCT250 SESAM-Vitale');
    usb('1-3', '046d', 'c52b', 'Logitech', 'Receiver');
    const [c, ...rest] = checkSesamReaders(ws, []);
    expect(rest).toEqual([]);
    expect(c).toMatchObject({
      status: 'problem',
      label: 'Lecteur USB Ingenico iCT250 SESAM-Vitale',
      value: 'lecteur SESAM-Vitale (0b00:3070) branché mais absent de PC/SC : en mode PSS/GALSS, pas PC/SC',
    });
    expect(c?.remedy).toContain('mode PC/SC');
    expect(checkSesamReaders(ws, [{ name: 'Ingenico iCT250 (ABC) 00 00' }])[0]?.status).toBe('ok');
    expect(checkSesamReaders(ws, undefined)[0]?.status).toBe('info');
  });

  it("the ATR explained from pcsc-tools' smartcard_list.txt when installed", () => {
    expect(explainAtr(ws, CPS3_ATR)).toBeUndefined();
    put(
      '/usr/share/pcsc/smartcard_list.txt',
      '# comment\n3B AC 00 40 2A 00 12 25 00 64 80 00 03 10 00 90 00\n\tCPS v3 (Carte Professionnel de Santé)\n3B 75 .. 00 00 43 09 EA 90 00\n\tVitale 2\n',
    );
    expect(explainAtr(ws, CPS3_ATR)).toBe('CPS v3 (Carte Professionnel de Santé)');
    expect(checkReader(ws, { name: 'R', atr: VITALE_ATR })).toMatchObject({
      status: 'info',
      value: 'ATR 3B 75 13 00 00 43 09 EA 90 00 (Vitale 2) : carte Vitale : ce n’est pas une carte CPS',
    });
  });

  it('a mute card, an unknown card, two empty readers: each said, with a remedy', () => {
    expect(checkReader(ws, { name: 'R', mute: true })).toMatchObject({
      status: 'problem',
      value: expect.stringContaining('ne répond pas'),
    });
    expect(checkReader(ws, { name: 'R', atr: fromHex('3B 00') })).toMatchObject({ status: 'problem', remedy: expect.any(String) });
    expect(checkReader(ws, { name: 'R', atr: CPS3_ATR })).toMatchObject({ status: 'ok' });
    expect(checkReaderCount([{ name: 'A' }, { name: 'B' }])).toMatchObject({
      status: 'info',
      value: '2 lecteur(s), aucun ne contient de carte',
      remedy: expect.stringContaining('Insérez la carte CPS'),
    });
    expect(checkReaderCount([])).toMatchObject({ status: 'problem', value: 'aucun lecteur' });
    expect(checkReaderCount([{ name: 'A' }, { name: 'B', atr: CPS3_ATR }])).toBeUndefined();
  });
});

describe('diagnose as a whole, on a fake root given by CPS_AUDIT_TEST_ROOT', () => {
  it('a blocked PIN and traces switched on: problems, exit 50, never "Aucun problème"', async () => {
    put('/etc/opt/santesocial/CPS/cps3_pkcs11.conf', 'Traces { active = true; }\n');
    put('/var/opt/santesocial/commun/adm/155.adm', '050202\nINSTALLEUR_CRYPTOLIB_CPS_64B\n');
    const transport = new InProcessTransport();
    transport.insert(DEFAULT_READER, createFixtureCard('seed'));
    let out = '';
    const sink = new Writable({
      write(chunk: Buffer, _e, cb) {
        out += chunk.toString();
        cb();
      },
    });
    const before = process.env.CPS_AUDIT_TEST_ROOT;
    process.env.CPS_AUDIT_TEST_ROOT = root;
    try {
      const code = await runDiagnose({ json: true, version: 't', transport, out: sink, terminal: { isTTY: false } });
      expect(code).toBe(EXIT.problemsFound);
    } finally {
      if (before === undefined) delete process.env.CPS_AUDIT_TEST_ROOT;
      else process.env.CPS_AUDIT_TEST_ROOT = before;
    }
    const checks = (JSON.parse(out) as { checks: Check[] }).checks;
    const by = (id: string) => checks.find((c) => c.id === id);
    expect(by('card-pin')).toMatchObject({ status: 'problem', value: 'code porteur bloqué' });
    expect(by('cryptolib-traces')?.status).toBe('problem');
    expect(by('cryptolib')).toMatchObject({ status: 'ok', value: expect.stringContaining('5.2.2') });
    expect(by('reader')).toMatchObject({ status: 'ok', value: expect.stringContaining('CPS3') });
  });
});

describe('the card', () => {
  async function report(name: FixtureName) {
    const transport = new InProcessTransport();
    transport.insert(DEFAULT_READER, createFixtureCard(name));
    return createCardService(transport).read(DEFAULT_READER);
  }
  const now = new Date('2026-12-07T12:00:00Z');

  it.each([
    ['seed', ['card-pin', 'card-expired', 'card-certificate'], 'code porteur bloqué'],
    ['puk-last-try', ['card-puk', 'card-pin'], 'code de déblocage : un seul essai restant'],
    ['puk-blocked', ['card-puk', 'card-pin'], 'code de déblocage bloqué'],
    ['puk-exhausted', ['card-puk', 'card-pin'], 'plus aucun déblocage possible'],
  ] as const)('%s: problems, each with its remedy, never ✔', async (name, ids, words) => {
    const checks = cardChecks(await report(name), now);
    expect(checks.every((c) => c.status === 'problem' && c.remedy !== undefined)).toBe(true);
    for (const id of ids) expect(checks.map((c) => c.id)).toContain(id);
    expect(checks.map((c) => c.value).join(' | ')).toContain(words);
    // A card that cannot be unblocked is not told to unblock.
    if (name === 'puk-blocked' || name === 'puk-exhausted')
      expect(checks.find((c) => c.id === 'card-pin')?.remedy).not.toContain('appuyez sur d');
  });

  it('a valid card with its PIN: one ✔ line', async () => {
    const r = await report('cps3-rpps');
    const checks = cardChecks(r, new Date('2020-01-01T00:00:00Z'));
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ status: 'ok', value: 'code porteur utilisable (3 essai(s) restant(s))' });
  });
});
