// The accessible mode's lines for what its keys open: the tab chosen with 1, 2, 3 or ← →, the
// help (? or F1), the save prompt (s or b) and the certificates written (e). The save prompt's
// lines are the keys helper's own (issue 19); the tab and help lines stand in until src/view's
// line renderers (helper "view") replace them: accessibleTabLines and accessibleHelpLines are the
// two calls to swap, one line each in accessible.ts.

import type { CertificateInfo } from '../../card/cps/report.js';
import { t, tr, type Key } from '../../i18n/index.js';
import type { Tab } from '../../machine/events.js';
import { cardExpiryText, coded, frenchDate, frenchDateOf, readable, text, validityState } from '../../view/format.js';
import { TAB_TITLES } from '../../screens/tabs.js';
import type { AuditView, ScreenEnv } from '../../screens/view.js';
import type { SaveState } from './key-handler.js';
import { helpSections, keyBar, keyName, yesKey, type KeyMode } from './keys.js';

/** The keys that act now, on one line (as the accessible mode's description ends). */
export function keysLine(mode: KeyMode): string {
  return t('a11y.keys', {
    keys: keyBar(mode)
      .map((i) => `${i.keys} ${i.label}`)
      .join(' · '),
  });
}

const TAB_ORDER: readonly Tab[] = ['info', 'situations', 'certificates'];

const USE: Readonly<Record<CertificateInfo['use'], Key>> = {
  signature: 'cert.signature',
  authentification: 'cert.authentification',
  inconnu: 'cert.inconnu',
};

const field = (label: string, value: string) => `${label}${t('a11y.colon')}${value}`;

/** The open tab of the card screen, as lines (stands in for src/view's renderer). */
export function accessibleTabLines(v: AuditView, env: ScreenEnv): string[] {
  const c = v.context;
  const report = c.report;
  if (report === undefined || !report.identity.supported) return [];
  const lines = [t('a11y.i19.tab', { n: TAB_ORDER.indexOf(c.tab) + 1, title: tr(TAB_TITLES[c.tab]) })];
  switch (c.tab) {
    case 'info':
      lines.push(
        field(t('field.issuer'), text(report.issuer)),
        field(t('field.logicalId'), text(report.logicalId)),
        field(t('field.validFrom'), readable(report.validFrom, frenchDate)),
        field(t('field.validTo'), cardExpiryText(report.validTo, env.now).text),
      );
      break;
    case 'situations':
      if (c.situations === undefined) lines.push(`${keyName('Entrée')} ${t('situation.enterToAsk')}`);
      else if (c.situations.length === 0) lines.push(t('situation.none'));
      else
        c.situations.forEach((s, i) => {
          if (!s.ok) return lines.push(t('situation.failed', { n: i + 1, reason: s.reason }));
          const rows = [
            field(t('situation.mode'), readable(s.value.mode, coded)),
            field(t('situation.sector'), readable(s.value.sector, coded)),
            field(t('situation.company'), text(s.value.companyName)),
            field(t('situation.speciality'), readable(s.value.speciality, coded)),
          ];
          return lines.push(t('a11y.i19.situation', { title: t('situation.title', { n: s.value.number }), rows: rows.join(' · ') }));
        });
      break;
    case 'certificates':
      if (report.certificates.length === 0) lines.push(t('cert.none'));
      report.certificates.forEach((cert, i) => {
        if (!cert.ok) return lines.push(t('a11y.i19.certFailed', { n: i + 1, reason: cert.reason }));
        const x = cert.value;
        return lines.push(
          t('a11y.i19.cert', {
            use: tr(USE[x.use]),
            holder: x.holder,
            issuer: x.issuer,
            validity: t('value.validity', { from: frenchDateOf(x.notBefore), to: frenchDateOf(x.notAfter) }),
            state: validityState(x.notBefore, x.notAfter, env.now).text,
          }),
        );
      });
      break;
  }
  return lines;
}

/** The whole help, every key of the table by scope (stands in for src/view's renderer). */
export function accessibleHelpLines(): string[] {
  const lines = [t('help.title'), t('help.noKeySends')];
  for (const section of helpSections()) {
    if (section.rows.length === 0) continue;
    lines.push(section.title);
    for (const row of section.rows) lines.push(`  ${row.keys}${t('a11y.colon')}${row.does}`);
  }
  lines.push(t('a11y.i19.helpEnd'));
  return lines;
}

/** The save prompt (s: the report, b: the support file), as the full screen's dialog says it. */
export function saveLines(save: SaveState, cwd: string): string[] {
  const bundle = save.kind === 'bundle';
  const lines = [bundle ? t('section.i22.bundle') : t('section.save'), bundle ? t('save.i22.bundleExplain') : t('save.explain')];
  lines.push(t('save.cwd', { cwd }));
  const length = [...save.line.text].length;
  lines.push(`${t('save.file')}${save.line.text}`);
  if (save.step === 'edit' && save.line.cursor < length) lines.push(t('a11y.i19.saveCursor', { at: save.line.cursor + 1, length }));
  if (save.error !== undefined) lines.push(`✖ ${save.error}`);
  if (save.step === 'edit') lines.push(t('a11y.i19.saveKeys'));
  if (save.step === 'confirm' && save.existing !== undefined) {
    lines.push(t('save.exists', { files: save.existing.join(', ') }), t('a11y.i19.saveReplace', { yes: yesKey(), esc: keyName('Échap') }));
  }
  if (save.step === 'done' && save.saved !== undefined) {
    lines.push(bundle ? t('save.i22.bundleSaved', { file: save.saved.text }) : t('save.saved', { file: save.saved.text }));
    lines.push(t('save.andJson', { file: save.saved.json }).trim(), t('a11y.i19.closeLine'));
  }
  return lines;
}
