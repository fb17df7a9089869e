// The card sections as pure views of a report: unknown nomenclature codes shown raw with
// "(code inconnu)", unreadable fields saying so, certificate states, an expired card. The French
// wording word for word first, then the same views in each language from its catalogue (reasons
// from the card layer stay as they are).

import { render } from 'ink-testing-library';
import { afterAll, describe, expect, it } from 'vitest';
import type { CardReport, CertificateInfo, Readable } from '../../src/card/cps/report.js';
import { CardInfoTab } from '../../src/screens/card-info-tab.js';
import { CertificatesTab } from '../../src/screens/certificates-tab.js';
import { HolderSection } from '../../src/screens/holder-section.js';
import { ReaderSection } from '../../src/screens/reader-section.js';
import { pinStatusText, pukStatusText, validityState } from '../../src/view/format.js';
import { readerStatusLine } from '../../src/view/words.js';
import { setLanguage } from '../../src/i18n/index.js';
import { LANG_CASES, triesOf, wordsIn } from '../support/words.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const NOW = new Date('2026-01-15T12:00:00Z');
const ok = <T,>(value: T): Readable<T> => ({ ok: true, value });
const bad = (reason: string): Readable<never> => ({ ok: false, reason });

const report: CardReport = {
  reader: 'Lecteur',
  identity: { model: 'CPS3', atr: new Uint8Array([0x3b]), supported: true, hasPin: true },
  serial: ok('99002752'),
  issuer: ok('8025000001'),
  category: ok({ code: '42' }),
  cardType: ok({ code: '00', label: 'Carte de Professionnel de Santé (CPS)' }),
  logicalId: bad('objet CPS_ID_CARD mal formé'),
  validFrom: ok('2024-01-01'),
  validTo: ok('2030-12-31'),
  holder: { name: ok('M TEST'), identifier: ok({ value: '0B4005951', type: { code: '7' } }), profession: ok({ code: '77' }) },
  pin: { triesLeft: 2, maxTries: 3 },
  puk: { triesLeft: 10, maxTries: 10, unblocksLeft: 3 },
  certificates: [],
  undecoded: [],
  warnings: [],
};

function cert(use: CertificateInfo['use'], notBefore: string, notAfter: string): Readable<CertificateInfo> {
  return ok({
    label: use,
    use,
    subject: 'CN=x',
    holder: 'M TEST',
    issuer: 'AC IGC-SANTE',
    serial: '0A1B',
    notBefore: new Date(notBefore),
    notAfter: new Date(notAfter),
    der: new Uint8Array(),
  });
}

describe('report views', () => {
  it('shows unknown codes raw with "(code inconnu)", and the reason of unread fields once per section', () => {
    const r1 = render(
      <ReaderSection
        line={readerStatusLine({ readers: [{ name: 'Lecteur', atr: report.identity.atr }, { name: 'B' }] })}
        reader="Lecteur"
        report={report}
      />,
    );
    expect(r1.lastFrame()).toContain('42 (code inconnu)');
    expect(r1.lastFrame()).toContain('2 lecteurs de carte connectés.');
    const r2 = render(<HolderSection report={report} />);
    expect(r2.lastFrame()).toContain('0B4005951 (7 (code inconnu))');
    expect(r2.lastFrame()).toContain('77 (code inconnu)');
    const r3 = render(<CardInfoTab report={report} now={NOW} />);
    expect(r3.lastFrame()).toContain('— : non lu sur cette carte (objet CPS_ID_CARD mal formé)');
    expect(r3.lastFrame()).not.toContain('illisible');
    expect(r3.lastFrame()).toContain('OK (2 essais sur 3)');
    expect(r3.lastFrame()).toContain('OK (10 essais sur 10), plus que 3 déblocages');
    expect(r3.lastFrame()).toContain('31/12/2030');
    expect(r3.lastFrame()).not.toContain('expirée');
  });

  it('says "expiré", "expire dans N jours" and "valide" for certificates', () => {
    const r = render(
      <CertificatesTab
        now={NOW}
        certificates={[
          cert('signature', '2020-01-01', '2025-01-01'),
          cert('authentification', '2025-01-01', '2026-02-04T12:00:00Z'),
          bad('DER illisible'),
        ]}
      />,
    );
    const f = r.lastFrame() ?? '';
    expect(f).toContain('Certificat de signature');
    expect(f).toContain('expiré (depuis le 01/01/2025)');
    expect(f).toContain('expire dans 20 jours');
    expect(f).toContain('Certificat 3 : DER illisible');
    expect(validityState(new Date('2025-01-01'), new Date('2028-01-01'), NOW).text).toBe('valide');
  });

  it('words the codes as the seed does', () => {
    expect(pinStatusText({ triesLeft: 0, maxTries: 3 })).toBe('Verrouillé (0 essai sur 3)');
    expect(pinStatusText({ triesLeft: 3, maxTries: 3 })).toBe('OK (3 essais sur 3)');
    // The last try is said in words, not a plain OK (issue 11).
    expect(pinStatusText({ triesLeft: 1, maxTries: null })).toBe('DERNIER ESSAI (1 essai restant)');
    expect(pinStatusText({ triesLeft: null, maxTries: null })).toContain('inconnu');
    expect(pukStatusText({ triesLeft: 4, maxTries: 10, unblocksLeft: 0 })).toContain('Épuisé');
  });
});

describe('EF_ACTUA in a layout that is not a date', () => {
  it('is shown as it is, through the generic view', async () => {
    const { genericView } = await import('../../src/card/tlv/generic.js');
    const r = render(
      <CardInfoTab
        now={NOW}
        report={{ ...report, lastUpdate: { kind: 'raw', content: genericView(Uint8Array.from([0x80, 0x02, 0x01, 0x02])) } }}
      />,
    );
    const f = r.lastFrame() ?? '';
    expect(f).toContain('Dernière mise à jour de la carte       format non publié (EF_ACTUA, contenu ci-dessous)');
    expect(f).toContain('Dernière mise à jour (EF_ACTUA) : format non publié, 4 octets');
    expect(f).toContain('80 : 01 02');
  });
});

afterAll(() => setLanguage('fr'));

describe.each(LANG_CASES)('report views in %s', (lang) => {
  const w = wordsIn(lang);
  it('unknown codes, unread fields, tries and unblocks left, in the words of this language', () => {
    setLanguage(lang);
    const r1 = render(
      <ReaderSection
        line={readerStatusLine({ readers: [{ name: 'Lecteur', atr: report.identity.atr }, { name: 'B' }] })}
        reader="Lecteur"
        report={report}
      />,
    );
    expect(r1.lastFrame()).toContain(w('value.unknownCode', { code: '42' }));
    expect(r1.lastFrame()).toContain(w('readers.many', { n: 2 }));
    const r3 = render(<CardInfoTab report={report} now={NOW} />);
    const f = r3.lastFrame() ?? '';
    expect(f).toContain(w('value.notReadLine', { dash: '—', notRead: w('value.notRead'), reasons: 'objet CPS_ID_CARD mal formé' }));
    expect(f).toContain(w('value.ok', { count: triesOf(w, 2, 3) }));
    expect(f).toContain(w('value.unblocksLeft.many', { base: w('value.ok', { count: triesOf(w, 10, 10) }), n: 3 }));
    expect(f).toContain(w('field.validTo'));
  });

  it('certificate states and code states in this language', () => {
    setLanguage(lang);
    const r = render(
      <CertificatesTab
        now={NOW}
        certificates={[cert('signature', '2020-01-01', '2025-01-01'), cert('authentification', '2025-01-01', '2026-02-04T12:00:00Z')]}
      />,
    );
    const f = r.lastFrame() ?? '';
    expect(f).toContain(w('cert.signature'));
    expect(f).toContain(w('value.expired', { date: '01/01/2025' }));
    expect(f).toContain(w('value.expiresIn.many', { n: 20 }));
    expect(validityState(new Date('2025-01-01'), new Date('2028-01-01'), NOW).text).toBe(w('value.valid'));
    expect(pinStatusText({ triesLeft: 0, maxTries: 3 })).toBe(w('value.locked', { count: triesOf(w, 0, 3) }));
    expect(pinStatusText({ triesLeft: 1, maxTries: null })).toBe(
      w('value.lastTry', { count: w('value.triesLeft.one', { tries: w('value.tries.one', { n: 1 }) }) }),
    );
    expect(pukStatusText({ triesLeft: 4, maxTries: 10, unblocksLeft: 0 })).toContain(w('value.exhausted'));
    setLanguage('fr');
  });
});
