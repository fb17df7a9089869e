// DICO-FR.GIP (issue 22): the Cryptolib's dictionary, v02.18 as ANS ships it (Latin-1, CRLF,
// test/fixtures/cryptolib), read by src/card/cps/dico.ts; the tool's own tables checked against
// it (every label the same, but for the differences listed here, each a newer wording or a code
// v02.18 does not have); and its labels used for codes our tables lack, only when its SHA-1 holds.

import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDico } from '../../../src/card/cps/dico.js';
import { coded, DICO_TABLE_OF, G19_SECTOR, G15_PROFESSION, useInstalledDictionary } from '../../../src/card/cps/nomenclatures.js';

const bytes = readFileSync(new URL('../../fixtures/cryptolib/DICO-FR.GIP', import.meta.url));
const dico = parseDico(bytes);

afterEach(() => useInstalledDictionary(undefined));

/**
 * Where our labels are not v02.18's (table:code). Ours follow the newer ANS TRE_* tables
 * (docs/card.md §6): reworded labels (G01 80, G02 02/03, G08 "N° ADELI"...), and R01/R02 codes
 * created after 28/02/2020 (SI06-08, SM73-95...). A change to either side shows here.
 */
const DIFFERENT = [
  'G01:80',
  'G02:02',
  'G02:03',
  'G08:0',
  'G08:1',
  'G08:2',
  'G08:3',
  'G08:4',
  'G08:5',
  'G08:6',
  'G08:8',
  'G08:9',
  'G15:39',
  'G15:85',
  'G15:86',
  'G19:10',
  'G19:102',
  'G100:36',
  'G101:3',
  'G101:9',
  'R02:SA09',
  'R02:SA14',
  'R02:SA19',
  'R02:SA27',
  'R02:SA46',
  'R02:SA48',
  'R02:SA50',
  'R02:SA51',
  'R02:SA54',
  'R02:SA55',
  'R02:SA57',
  'R02:SA59',
  'R02:SA62',
  'R01:SI06',
  'R01:SI07',
  'R01:SI08',
  'R01:SM16',
  'R01:SM26',
  'R01:SM29',
  'R01:SM53',
  'R01:SM73',
  'R01:SM74',
  'R01:SM75',
  'R01:SM76',
  'R01:SM77',
  'R01:SM78',
  'R01:SM79',
  'R01:SM80',
  'R01:SM81',
  'R01:SM82',
  'R01:SM83',
  'R01:SM84',
  'R01:SM85',
  'R01:SM86',
  'R01:SM87',
  'R01:SM88',
  'R01:SM89',
  'R01:SM90',
  'R01:SM91',
  'R01:SM92',
  'R01:SM93',
  'R01:SM94',
  'R01:SM95',
];

describe('DICO-FR.GIP v02.18', () => {
  it('its version, its SHA-1 (which holds), its 28 data tables, Latin-1 labels', () => {
    expect(dico.version).toBe('02.18 - 28/02/2020');
    expect(dico.checksumOk).toBe(true);
    const data = [...dico.tables.keys()].filter((k) => !['NOM_TABLE', 'NOM_CHAMP', 'G999'].includes(k));
    expect(data).toHaveLength(28);
    expect(dico.tables.get('R01')?.size).toBe(244);
    expect(dico.tables.get('R02')?.size).toBe(63);
    expect(dico.tables.get('G15')?.get('40')).toBe('Chirurgien-Dentiste');
    expect(dico.tables.get('NOM_TABLE')?.get('R01')).toBe('Spécialités RPPS');
    // Its one row whose declared length is short of its label: the label is kept whole.
    expect(dico.tables.get('G12')?.get('131')).toBe('Chirurgie maxillo-faciale (réforme 2017)');
  });

  it('a byte changed: its SHA-1 no longer holds', () => {
    const changed = Buffer.from(bytes);
    changed[200] = changed[200]! ^ 1;
    expect(parseDico(changed).checksumOk).toBe(false);
  });

  it("the tool's own tables have v02.18's labels, but for the differences listed", () => {
    const different: string[] = [];
    for (const [table, name] of DICO_TABLE_OF) {
      const theirs = dico.tables.get(name);
      expect(theirs, name).toBeDefined();
      for (const [code, label] of Object.entries(table)) if (theirs?.get(code) !== label) different.push(`${name}:${code}`);
    }
    expect(different).toEqual(DIFFERENT);
  });

  it('installed, its labels fill the codes our tables lack; ours still win; a damaged file is not used', () => {
    expect(Object.hasOwn(G19_SECTOR, '11')).toBe(false);
    expect(coded(G19_SECTOR, '11')).toEqual({ code: '11' });
    useInstalledDictionary(dico);
    expect(coded(G19_SECTOR, '11')).toEqual({ code: '11', label: 'Hôpital militaire du Service de santé des armées' });
    expect(coded(G15_PROFESSION, '39')).toEqual({ code: '39', label: G15_PROFESSION['39'] });
    expect(coded(G19_SECTOR, 'ZZ')).toEqual({ code: 'ZZ' });
    const changed = Buffer.from(bytes);
    changed[200] = changed[200]! ^ 1;
    useInstalledDictionary(parseDico(changed));
    expect(coded(G19_SECTOR, '11')).toEqual({ code: '11' });
  });
});
