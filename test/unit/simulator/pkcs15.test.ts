// The PKCS#15 structure of the simulated CPS3, read from the card as a reader would:
// EF.DIR → application path → ODF → AODF / PrKDF / CDF / DODF → objects.

import { describe, expect, it } from 'vitest';
import { hex } from '../../../src/card/bytes.js';
import { createFixtureCard } from '../../../src/card/simulator/fixtures.js';
import { child, parseTlv, readAll, selectPath, text, type Node } from '../../support/simulator-apdu.js';

function readFile(card: ReturnType<typeof createFixtureCard>, path: Uint8Array): Uint8Array {
  expect(selectPath(card, hex(path))).toBe('90 00');
  return readAll(card);
}

function pathOf(node: Node): Uint8Array {
  return child(node, 0x04).value; // Path ::= SEQUENCE { path OCTET STRING, ... }
}

function walk() {
  const card = createFixtureCard('seed');
  const dir = parseTlv(readFile(card, Uint8Array.of(0x3f, 0x00, 0x2f, 0x00)));
  const app = dir[0]!;
  const appPath = child(app, 0x51).value;
  const odf = parseTlv(readFile(card, Uint8Array.from([...appPath, 0x50, 0x31])));
  const byTag = (tag: number) =>
    parseTlv(
      readFile(
        card,
        pathOf(
          child(
            odf.find((e) => e.tag === tag),
            0x30,
          ),
        ),
      ),
    );
  return { card, dir, app, appPath, odf, byTag };
}

describe('EF.DIR and ODF', () => {
  it('EF.DIR holds one application template with the PKCS#15 AID and path 3F00 0001', () => {
    const { dir, app, appPath } = walk();
    expect(dir).toHaveLength(1);
    expect(app.tag).toBe(0x61);
    expect(hex(child(app, 0x4f).value)).toBe('E8 28 BD 08 0F 80 25 00 00 01 FF 00 10');
    expect(hex(appPath)).toBe('3F 00 00 01');
    expect(text(child(app, 0x50))).toContain('CPS3');
  });

  it('the ODF points to the PrKDF (A0), CDF (A4), DODF (A7) and AODF (A8) by full path', () => {
    const { odf } = walk();
    expect(odf.map((e) => e.tag)).toEqual([0xa0, 0xa4, 0xa7, 0xa8]);
    expect(odf.map((e) => hex(pathOf(child(e, 0x30))))).toEqual([
      '3F 00 00 01 70 02',
      '3F 00 00 01 70 05',
      '3F 00 00 01 70 06',
      '3F 00 00 01 70 01',
    ]);
  });

  it('TokenInfo (5032) is version 0 with a label containing CPS3', () => {
    const card = createFixtureCard('seed');
    const [info] = parseTlv(readFile(card, Uint8Array.of(0x3f, 0x00, 0x00, 0x01, 0x50, 0x32)));
    expect(hex(child(info, 0x02).value)).toBe('00');
    expect(text(child(info, 0x80))).toContain('CPS3');
  });
});

describe('AODF', () => {
  it('PIN: label, authId 01, PUK named by authId 02, ascii-numeric 4 digits stored on 8 padded FF, ref 01', () => {
    const [pin] = walk().byTag(0xa8);
    const common = child(pin, 0x30, 0);
    expect(text(child(common, 0x0c))).toBe('Code porteur de la carte CPX');
    expect(hex(child(common, 0x04).value)).toBe('02');
    expect(hex(child(child(pin, 0x30, 1), 0x04).value)).toBe('01');
    const attrs = child(child(pin, 0xa1), 0x30);
    expect(hex(child(attrs, 0x03).value)).toBe('02 0C'); // initialized + needs-padding
    expect(hex(child(attrs, 0x0a).value)).toBe('01'); // ascii-numeric
    expect(attrs.children.filter((c) => c.tag === 0x02).map((c) => hex(c.value))).toEqual(['04', '08', '04']);
    expect(hex(child(attrs, 0x80).value)).toBe('01');
    expect(hex(child(attrs, 0x04).value)).toBe('FF');
  });

  it('PUK: "Code de deblocage", authId 02, unblockingPin + soPin, 8 digits, ref 02', () => {
    const [, puk] = walk().byTag(0xa8);
    expect(text(child(child(puk, 0x30, 0), 0x0c))).toBe('Code de deblocage');
    expect(hex(child(child(puk, 0x30, 1), 0x04).value)).toBe('02');
    const attrs = child(child(puk, 0xa1), 0x30);
    expect(hex(child(attrs, 0x03).value)).toBe('00 0F');
    expect(attrs.children.filter((c) => c.tag === 0x02).map((c) => hex(c.value))).toEqual(['08', '08', '08']);
    expect(hex(child(attrs, 0x80).value)).toBe('02');
  });
});

describe('PrKDF and CDF', () => {
  it('CPS_PRIV_SIG (0x81, nonRepudiation) and CPS_PRIV_AUT (0x82, sign + decrypt), RSA 2048, authId 01', () => {
    const keys = walk().byTag(0xa0);
    expect(keys.map((k) => text(child(child(k, 0x30, 0), 0x0c)))).toEqual(['CPS_PRIV_SIG', 'CPS_PRIV_AUT']);
    for (const k of keys) expect(hex(child(child(k, 0x30, 0), 0x04).value)).toBe('01');
    expect(keys.map((k) => hex(child(child(k, 0x30, 1), 0x02).value))).toEqual(['00 81', '00 82']);
    expect(keys.map((k) => hex(child(child(k, 0x30, 1), 0x03).value))).toEqual(['06 00 40', '05 60']);
    for (const k of keys) expect(hex(child(child(child(k, 0xa1), 0x30), 0x02).value)).toBe('08 00');
  });

  it('each certificate shares its iD with its key and reads as an X.509 DER', () => {
    const { card, byTag } = walk();
    const keys = byTag(0xa0);
    const certs = byTag(0xa4);
    expect(certs).toHaveLength(2);
    certs.forEach((c, i) => {
      const id = hex(child(child(c, 0x30, 1), 0x04).value);
      expect(id).toBe(hex(child(child(keys[i], 0x30, 1), 0x04).value));
      expect(id.split(' ')).toHaveLength(20);
      // X509CertificateAttributes { value ObjectValue (a Path) }
      const der = readFile(card, pathOf(child(child(child(c, 0xa1), 0x30), 0x30)));
      const [x509] = parseTlv(der);
      expect(x509!.tag).toBe(0x30);
      expect(x509!.children).toHaveLength(3); // tbsCertificate, algorithm, signature
    });
  });
});

describe('DODF and holder data (spec §5)', () => {
  it('lists the objects by label; only the situations need the PIN', () => {
    const entries = walkFor('cps3-rpps').byTag(0xa7);
    const labels = entries.map((e) => text(child(child(e, 0x30, 0), 0x0c)));
    expect(labels).toEqual(['CPS_ID_CARD', 'CPS_NAME_PS', 'CPS_INFO_PS', 'CPS_ACTIVITY_01_PS', 'CPS_ACTIVITY_02_PS']);
    const needsPin = entries.map((e) => child(e, 0x30, 0).children.some((c) => c.tag === 0x04));
    expect(needsPin).toEqual([false, false, false, true, true]);
  });

  it("the seed's CPS_ID_CARD, CPS_NAME_PS and CPS_INFO_PS", () => {
    const { card, byTag } = walk();
    const objects = byTag(0xa7)
      .slice(0, 3)
      .map((e) => parseTlv(readFile(card, pathOf(child(child(e, 0xa1), 0x30))))[0]!);
    const [id, name, info] = objects;
    expect(id!.tag).toBe(0xa0);
    expect(hex(child(id, 0x80).value)).toBe('80');
    expect(hex(child(id, 0x81).value)).toBe('00');
    expect(text(child(id, 0x82))).toBe('2300081197');
    expect(text(child(id, 0x83))).toBe('20110515');
    expect(text(child(id, 0x84))).toBe('20140331');
    expect(name!.children.map((c) => text(c))).toEqual(['31', '0', '0B4005951', 'DENT-CS0595', 'EMILE']);
    expect(info!.children.map((c) => text(c))).toEqual(['40']);
  });
});

function walkFor(name: 'cps3-rpps' | 'cpe') {
  const card = createFixtureCard(name);
  const odf = parseTlv(readFile(card, Uint8Array.of(0x3f, 0x00, 0x00, 0x01, 0x50, 0x31)));
  const byTag = (tag: number) =>
    parseTlv(
      readFile(
        card,
        pathOf(
          child(
            odf.find((e) => e.tag === tag),
            0x30,
          ),
        ),
      ),
    );
  return { card, byTag };
}
