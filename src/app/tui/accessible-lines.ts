// The accessible mode's lines for what the app shows over the machine's screen: the save prompt
// (s or b) and the keys that act there. The tabs, the help and everything else the machine shows
// are src/view's (present, viewLines).

import { t } from '../../i18n/index.js';
import type { SaveState } from './key-handler.js';
import { keyBar, keyName, yesKey, type KeyMode } from './keys.js';

/** The keys that act now, on one line (as the accessible mode's description ends). */
export function keysLine(mode: KeyMode): string {
  return t('a11y.keys', {
    keys: keyBar(mode)
      .map((i) => `${i.keys} ${i.label}`)
      .join(' · '),
  });
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
