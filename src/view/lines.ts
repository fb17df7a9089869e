// Issue 19: the presentation model (present.ts) as lines of plain text, for the accessible mode
// (--accessible, TERM=dumb or unset): every section, the open tab, the form, the confirmation,
// the card test, the help and the keys, in the order of the full screen. No escape sequence, no
// colour: a tone is said by a marker ("!! ", "! ") where it matters, never by colour alone.

import { t } from '../i18n/index.js';
import { cardTestLines } from './card-test-lines.js';
import type { HelpModel, KeyItem, Line, NoticeModel, OperationModel, Presentation, SectionModel, TabModel } from './present.js';

const colon = () => t('a11y.colon');

/** One line of the model as text. */
export function lineText(l: Line): string[] {
  switch (l.kind) {
    case 'field':
      // A label alone (no card yet) says nothing: left out.
      return l.value === '' ? [] : [`${' '.repeat(l.indent ?? 0)}${l.label}${colon()}${l.value}`];
    case 'note':
      return [`${' '.repeat(l.indent)}${l.text}`];
    case 'warning':
      return [`${l.severity === 'danger' ? '!! ' : '! '}${l.text}`];
    case 'heading':
      return [l.text];
    case 'object':
      return [
        t('a11y.i19.object', {
          title: l.title,
          label: l.label !== undefined ? ` (${l.label})` : '',
          notPublished: l.notPublished,
          size: l.size,
        }),
        ...l.content.map((c) => `    ${c}`),
      ];
    case 'action':
      return [`[${l.key}] ${l.label}`];
    case 'notice':
      return noticeText(l.notice);
    case 'text':
      return [l.text];
  }
}

export function linesOf(lines: readonly Line[]): string[] {
  return lines.flatMap(lineText);
}

export function sectionLines(s: SectionModel): string[] {
  const body = linesOf(s.lines);
  return body.length === 0 ? [] : [s.title, ...body];
}

export function noticeText(n: NoticeModel): string[] {
  return [n.text, ...(n.remedy !== undefined ? [n.remedy] : [])];
}

/** "Onglets : 1 Informations sur la carte (ouvert) · 2 Situation d'exercice · 3 …". */
export function tabsLine(tabs: readonly TabModel[]): string {
  const words = tabs.map((x) => t(x.active ? 'a11y.i19.tabOpen' : 'a11y.i19.tab', { key: x.key, title: x.title }));
  return t('a11y.i19.tabs', { tabs: words.join(' · ') });
}

/** The open form, the confirmation, the outcome or the card test. */
export function operationLines(op: OperationModel): string[] {
  switch (op.kind) {
    case 'confirm':
      return [
        op.title,
        ...noticeText(op.warning),
        t('a11y.i19.confirmKeys', {
          yes: t('keyname.yes'),
          confirmYes: t('confirm.yes'),
          esc: t('keyname.Échap'),
          or: t('screen.or'),
          confirmNo: t('confirm.no'),
        }),
      ];
    case 'testResult':
      // Issue 21: the card test's checks, one a line, then the closing line.
      return [...(op.result !== undefined ? cardTestLines(op.result) : []), t('cardTest.tui.closeLine')];
    case 'testRunning':
      return [op.text];
    case 'outcome':
      return op.notice !== undefined ? noticeText(op.notice) : [];
    case 'form': {
      const lines = [op.hint];
      if (op.lostLetter !== undefined) lines.push(op.lostLetter);
      // Issue 20: the codes typed on the reader's keypad, their lengths, the timeout, what cancels.
      lines.push(...op.keypadLines.map((l) => l.text));
      // Every field with its count (never its digits), the one being typed in as a prompt.
      for (const f of op.fields) {
        if (f.onKeypad) lines.push(`${f.label}${colon()}${t('form.keypad.field')}`);
        else if (f.focused) lines.push(t('a11y.prompt', { field: f.label, count: f.count }));
        else lines.push(`${f.label}${colon()}${f.count}`);
      }
      // The button: sending, Enter sends (on it), waiting for the fields (why), or there.
      const b = op.button;
      if (b.sending) lines.push(`[ ${b.label} ] ${t('form.sending')}`);
      else if (b.enabled && b.focused) lines.push(t('a11y.button', { label: b.label }));
      else if (b.enabled) lines.push(`[ ${b.label} ]`);
      else lines.push(`[ ${b.label} ] ${t('form.inactive', { why: b.blocker ?? t('form.blocker.unavailable') })}`);
      if (op.error !== undefined) lines.push(...noticeText(op.error));
      return lines;
    }
  }
}

/** The help, whole: its title, what no key does, each section's keys and what they do. */
export function helpLines(help: HelpModel): string[] {
  const lines = [help.title, help.intro];
  for (const s of help.sections) {
    lines.push(s.title);
    for (const r of s.rows) lines.push(t('a11y.i19.helpRow', { keys: r.keys, does: r.does }));
  }
  return lines;
}

export function keysLine(keys: readonly KeyItem[]): string {
  return t('a11y.keys', { keys: keys.map((i) => `${i.keys} ${i.label}`).join(' · ') });
}

/** The content section: the tabs' line, then the open tab's rows or the operation. */
export function contentLines(content: Presentation['content']): string[] {
  const lines: string[] = [];
  if (content.tabs !== undefined) lines.push(tabsLine(content.tabs));
  if (content.operation !== undefined) lines.push(...operationLines(content.operation));
  else lines.push(...linesOf(content.lines));
  return lines.length === 0 ? [] : [content.title, ...lines];
}

/** The whole view as lines of plain text, in the order of the full screen; the help after it when open. */
export function viewLines(p: Presentation): string[] {
  const lines: string[] = [t('a11y.state', { state: p.title })];
  if (p.status.text !== undefined) lines.push(p.status.text);
  if (p.status.remedy !== undefined) lines.push(p.status.remedy);
  if (p.notice !== undefined) lines.push(...noticeText(p.notice));
  if (p.doneLine !== undefined) lines.push(p.doneLine.trim());
  lines.push(...sectionLines(p.reader));
  if (p.readerChoice !== undefined) lines.push(t('a11y.i19.readers'), ...linesOf(p.readerChoice));
  lines.push(...sectionLines(p.holder), ...sectionLines(p.pin), ...contentLines(p.content));
  if (p.help !== undefined) lines.push(...helpLines(p.help));
  lines.push(keysLine(p.keys));
  return lines.filter((l) => l.trim() !== '');
}
