// Issue 19: one presentation model. `present()` reads the machine's snapshot (through its
// selectors), the card report it holds and a few facts from outside (today, the key bar, the
// help) and returns plain data — no React, no escape sequence — for everything a person can see:
// the title, the state and its remedy, the notice, the sections (reader, holder, PIN), the tabs
// and their rows, the open form (digit counts, never digits), the last-try confirmation, the
// card test, the help and the keys that act now. The Ink screens (src/screens) lay it out; the
// accessible mode (src/app/accessible.ts) prints it as lines (viewLines, src/view/lines.ts).
// Words come from the catalogue here and nowhere lower.

import type { CardReport, CertificateInfo, Coded, GenericView, PracticeSituation, Readable } from '../card/cps/report.js';
import type { CardTestResult } from '../card/cps/card-test.js';
import { cardFactWords, modelName } from '../i18n/card-facts.js';
import { standing } from '../card/cps/standing.js';
import type { ReaderState } from '../card/transport/transport.js';
import { t, tr, type Key } from '../i18n/index.js';
import { cardSerial } from '../machine/code-state.js';
import type { FormKind, FormState, Notice, Operation } from '../machine/context.js';
import type { Tab } from '../machine/events.js';
import { FORM_FIELDS, fieldLength } from '../machine/forms.js';
import { codeState } from '../machine/guards.js';
import { SITUATIONS_COST, SITUATIONS_PIN_BLOCKED, lastTryWarning } from '../machine/messages.js';
import { noticeWords, tries } from './failure.js';
import { inStep, keypadHelp, noticeShown, openOperation, type FormStep, type KeypadHelp } from '../machine/selectors.js';
import { keypadText } from '../report/reader-features.js';
import { cardWarnings, type CardWarning, type WarningCode } from '../report/warnings.js';
import type { AuditView, LastRunNote } from './env.js';
import { keypadLines } from './keypad-lines.js';
import {
  cardExpiryText,
  cardWords,
  genericLines,
  coded,
  frenchDate,
  frenchDateOf,
  fromCertificateNote,
  notReadOnCard,
  pinStatusText,
  pukStatusText,
  readable,
  text,
  unreadNote,
  validityState,
} from './format.js';
import { statusOf, type Status } from './status.js';
import { BUTTON_LABEL, fieldCount, fieldLabel, formHint, readerStatusLine, submitBlocker, unblockResumeHint } from './words.js';

export type Tone = 'ok' | 'warning' | 'danger' | 'muted' | undefined;

/** One thing a person reads, in its own kind so that each renderer lays it out its way. */
export type Line =
  /** "Label : value"; an empty value leaves the label alone (no card yet). */
  | { readonly kind: 'field'; readonly label: string; readonly value: string; readonly tone?: Tone; readonly indent?: number }
  /** A line of explanation under the fields (wrapped under its indent). */
  | { readonly kind: 'note'; readonly text: string; readonly indent: number; readonly tone?: Tone }
  /** A warning of the report, marked (never by colour alone). */
  | { readonly kind: 'warning'; readonly text: string; readonly severity: 'danger' | 'warning' }
  /** A heading inside a tab: a certificate's use, a situation's number. */
  | { readonly kind: 'heading'; readonly text: string; readonly tone?: Tone }
  /** A data object this tool cannot decode: its title, "format non publié", its size, its content as it is. */
  | {
      readonly kind: 'object';
      readonly title: string;
      readonly label?: string;
      readonly notPublished: string;
      readonly size: string;
      readonly content: readonly string[];
    }
  /** An action and the key that opens it ("[c] Changer votre code porteur"; "  Entrée saisir…" without brackets). */
  | { readonly kind: 'action'; readonly key: string; readonly label: string; readonly brackets: boolean }
  /** A message from the machine (what happened, what to do), marked by its tone. */
  | { readonly kind: 'notice'; readonly notice: NoticeModel }
  /** A plain sentence. */
  | { readonly kind: 'text'; readonly text: string; readonly tone?: Tone; readonly bold?: boolean };

export type SectionId = 'reader' | 'holder' | 'pin' | 'content';

export interface SectionModel {
  readonly id: SectionId;
  readonly title: string;
  readonly lines: readonly Line[];
}

export interface NoticeModel {
  readonly text: string;
  readonly remedy?: string;
  readonly tone: Notice['tone'];
}

export interface TabModel {
  readonly tab: Tab;
  /** The key that opens it ("1"). */
  readonly key: string;
  readonly title: string;
  readonly active: boolean;
}

export interface FieldModel {
  readonly label: string;
  readonly typed: number;
  /** How many digits the field takes at most (the card's rule). */
  readonly max: number;
  /** "3/8 chiffres". */
  readonly count: string;
  readonly focused: boolean;
  /** Typed on the reader's keypad, not here. */
  readonly onKeypad: boolean;
}

export type OperationModel =
  | {
      readonly kind: 'form';
      readonly form: FormKind;
      readonly hint: string;
      readonly lostLetter?: string;
      readonly fields: readonly FieldModel[];
      readonly button: {
        readonly label: string;
        readonly focused: boolean;
        readonly sending: boolean;
        readonly enabled: boolean;
        /** Why it is disabled, when it is. */
        readonly blocker?: string;
      };
      readonly keypad?: KeypadHelp;
      readonly keypadLines: readonly { readonly text: string; readonly kind: 'intro' | 'detail' | 'waiting' | 'hint' }[];
      readonly keyHint?: string;
      readonly error?: NoticeModel;
    }
  | { readonly kind: 'confirm'; readonly op: Operation; readonly title: string; readonly warning: NoticeModel }
  | { readonly kind: 'outcome'; readonly notice?: NoticeModel }
  | { readonly kind: 'testRunning'; readonly text: string }
  | { readonly kind: 'testResult'; readonly result?: CardTestResult };

export interface HelpSectionModel {
  readonly title: string;
  readonly rows: readonly { readonly keys: string; readonly does: string }[];
}

export interface HelpModel {
  readonly title: string;
  readonly intro: string;
  readonly sections: readonly HelpSectionModel[];
}

export interface KeyItem {
  readonly keys: string;
  readonly label: string;
  readonly intent?: string;
}

export interface Presentation {
  /** The state in a few words (the title bar). */
  readonly title: string;
  readonly status: Status;
  readonly notice?: NoticeModel;
  /** "Retirez la carte du lecteur…" after an operation. */
  readonly doneLine?: string;
  readonly reader: SectionModel;
  /** The readers to choose from (several cards at once). */
  readonly readerChoice?: readonly Line[];
  readonly holder: SectionModel;
  readonly pin: SectionModel;
  readonly content: {
    readonly title: string;
    /** Undefined while a form covers the tabs (no tab is shown as open) or when none is drawn. */
    readonly tabs?: readonly TabModel[];
    readonly lines: readonly Line[];
    readonly operation?: OperationModel;
  };
  readonly help?: HelpModel;
  readonly keys: readonly KeyItem[];
}

export interface PresentOptions {
  /** Today, for "expire dans N jours" and an expired card. */
  readonly now: Date;
  /** The keys that act now, from the key table (src/app/keys.ts). */
  readonly keys?: readonly KeyItem[];
  /** The help's sections, from the key table; shown when the machine says the help is open. */
  readonly help?: readonly HelpSectionModel[];
  /** The last key's hint in a code field (a non-digit key, a paste cut short). */
  readonly keyHint?: string | undefined;
  /** An operation of the last run on a card, ended after its terminal went away. */
  readonly lastRun?: LastRunNote | undefined;
}

const TAB_ORDER: readonly Tab[] = ['info', 'situations', 'certificates'];

export const TAB_TITLES: Readonly<Record<Tab, Key>> = {
  info: 'tab.info',
  situations: 'tab.situations',
  certificates: 'tab.certificates',
};

/** The whole screen as data, in the seed's order. `report` is the card report the snapshot holds, unless given. */
export function present(view: AuditView, report: CardReport | undefined = view.context.report, options: PresentOptions): Presentation {
  const c = view.context;
  const status = statusOf(view);
  // Values from the card are shown only while they describe the card in the reader.
  const showReport = view.matches('card') || view.matches({ done: 'waitRemoval' }) || view.matches('cardUnrecognised');
  const shown = showReport ? report : undefined;
  const removed =
    view.matches({ done: 'waitReinsert' }) || view.matches('interrupted') || (view.matches('noCard') && c.selected !== undefined);
  const notice = noticeShown(view) && c.notice !== undefined ? noticeModel(c.notice) : undefined;
  const doneLine = view.matches('done')
    ? t(view.matches({ done: 'waitRemoval' }) ? 'screen.removeCard' : 'screen.reinsertCard')
    : undefined;
  return {
    title: status.name,
    status,
    ...(notice !== undefined ? { notice } : {}),
    ...(doneLine !== undefined ? { doneLine } : {}),
    reader: readerSection(readerStatusLine(c), c.selected, shown, removed),
    ...(view.matches('choosingReader')
      ? {
          readerChoice: readerChoice(
            c.readers,
            c.selected,
            shown?.readerFeatures?.verifyPinDirect !== undefined ? shown.reader : undefined,
          ),
        }
      : {}),
    holder: holderSection(shown !== undefined && shown.identity.supported ? shown : undefined),
    pin: pinSection(view, options.lastRun),
    content: contentModel(view, shown, options),
    ...(c.helpOpen ? { help: helpModel(options.help ?? []) } : {}),
    keys: options.keys ?? [],
  };
}

export function noticeModel(n: Notice): NoticeModel {
  const w = noticeWords(n);
  return { text: w.text, ...(w.remedy !== undefined ? { remedy: w.remedy } : {}), tone: n.tone };
}

const field = (label: string, value: string, tone?: Tone, indent?: number): Line => ({
  kind: 'field',
  label,
  value,
  ...(tone !== undefined ? { tone } : {}),
  ...(indent !== undefined ? { indent } : {}),
});
const note = (s: string, indent = 2): Line => ({ kind: 'note', text: s, indent });

/** "Sélection du lecteur": how many readers, the one in use, and what card is in it. */
export function readerSection(line: string, reader: string | undefined, report: CardReport | undefined, removed: boolean): SectionModel {
  // An unsupported card (CPS2ter, not a CPS) shows only its model; its ATR is in the status.
  const known = report?.identity.supported === true ? report : undefined;
  const unread = known ? unreadNote([known.category, known.cardType, known.serial]) : undefined;
  const lines: Line[] = [{ kind: 'text', text: line }, field(t('field.selectedReader'), reader ?? '')];
  if (removed) lines.push(field(t('field.card'), t('value.cardRemoved'), 'warning'));
  lines.push(
    field(t('field.category'), known ? readable(known.category, coded) : ''),
    field(t('field.cardType'), known ? readable(known.cardType, coded) : ''),
    field(t('field.model'), report ? modelName(report.identity.model) : ''),
    field(t('field.serial'), known ? text(known.serial) : ''),
  );
  if (known?.readerFeatures?.verifyPinDirect !== undefined) lines.push(field(t('field.readerKeypad'), keypadText(known.readerFeatures)));
  if (unread !== undefined) lines.push(note(unread));
  return { id: 'reader', title: t('section.reader'), lines };
}

/** "carte CPS3", "lecteur utilisé par un autre logiciel" (issue 22). */
export function readerLine(r: ReaderState): string {
  if (r.atr === undefined) return t('reader.noCard', { name: r.name });
  return r.inUse ? t('reader.inUse', { name: r.name }) : t('reader.i22.card', { name: r.name, card: cardWords(r.atr) });
}

/** `keypadReader`: the reader whose last read said it has a keypad (issue 20). */
export function readerChoice(readers: readonly ReaderState[], selected?: string, keypadReader?: string): Line[] {
  const lines: Line[] = readers.slice(0, 9).map((r, i) => ({
    kind: 'action',
    brackets: false,
    key: String(i + 1),
    label: `${r.name === selected ? '▸ ' : ''}${readerLine(r)}${r.name === keypadReader ? t('reader.keypadMark') : ''}`,
  }));
  if (readers.length > 9) lines.push({ kind: 'text', text: t('reader.more', { n: readers.length - 9 }) });
  return lines;
}

/** Card types whose holder has a profession: CPS (00) and CPF (01); a CPE, CDE, CPA has none. */
const WITH_PROFESSION: ReadonlySet<string> = new Set(['00', '01']);

function professionApplies(report: CardReport | undefined): boolean {
  const type = report?.cardType;
  return type === undefined || !type.ok || WITH_PROFESSION.has(type.value.code);
}

export function notPublished(): string {
  return t('value.notPublished');
}

/** "Identification du porteur": name, identifier with its type, profession. */
export function holderSection(report: CardReport | undefined): SectionModel {
  const h = report?.holder;
  const applies = professionApplies(report);
  const unread = h ? unreadNote(applies ? [h.name, h.identifier, h.profession] : [h.name, h.identifier]) : undefined;
  const profession = h === undefined ? '' : !applies && !h.profession.ok ? t('value.notApplicable') : readable(h.profession, coded);
  const undecoded = report?.undecoded.filter((u) => u.section === 'holder').map((u) => u.label) ?? [];
  const lines: Line[] = [
    field(t('field.holderName'), h ? text(h.name) : ''),
    field(t('field.identifier'), h ? readable(h.identifier, (id) => `${id.value} (${coded(id.type)})`) : ''),
    field(t('field.profession'), profession),
  ];
  if (h?.certificate !== undefined) {
    lines.push(
      note(
        `${fromCertificateNote(h.certificate)}${undecoded.length > 0 ? t('value.undecodedInTab', { labels: undecoded.join(', '), notPublished: notPublished() }) : ''}`,
      ),
    );
  }
  if (unread !== undefined) lines.push(note(unread));
  return { id: 'holder', title: t('section.holder'), lines };
}

/** "Gestion code porteur": the action that fits the card, or why there is none. */
function pinSection(view: AuditView, lastRun: LastRunNote | undefined): SectionModel {
  const inCard = view.matches('card');
  const lines: Line[] = [];
  // The last run's operation on this very card, ended without its terminal (issue 18).
  if (inCard && lastRun !== undefined && cardSerial(view.context.report) === lastRun.serial) {
    for (const l of lastRun.lines) lines.push({ kind: 'text', text: l, tone: 'warning' });
  }
  const canUnblock = view.can({ type: 'OPEN_UNBLOCK' });
  const canChange = view.can({ type: 'OPEN_CHANGE' });
  const state = codeState(view.context.report);
  if (canUnblock || canChange) {
    if (canChange) lines.push({ kind: 'action', key: 'c', label: t('pin.change'), brackets: true });
    if (canUnblock) lines.push({ kind: 'action', key: 'd', label: t('pin.unblock'), brackets: true });
    // Both only after an unblock cut short mid-write: the hint says why the unblock is still there.
    const hint = canUnblock && canChange ? unblockResumeHint(view.context) : undefined;
    if (hint !== undefined) lines.push({ kind: 'text', text: hint, tone: 'warning' });
  } else if (inCard && view.matches({ card: { view: 'unblock' } })) {
    lines.push({ kind: 'text', text: t('pin.unblock'), bold: true });
  } else if (inCard && view.matches({ card: { view: 'change' } })) {
    lines.push({ kind: 'text', text: t('pin.change'), bold: true });
  } else if (inCard && state === 'pukUnusable') {
    lines.push({ kind: 'text', text: t('pin.pukUnusable', { ans: t('pin.ansNewCard') }), tone: 'danger' });
  } else if (inCard && state === 'noPin') {
    lines.push({ kind: 'text', text: t('pin.noPin') });
  } else if (inCard && state === 'unknown') {
    lines.push({ kind: 'text', text: t('pin.unknown'), tone: 'warning' });
  }
  return { id: 'pin', title: t('section.pin'), lines };
}

function tabs(active: Tab | undefined): TabModel[] {
  return TAB_ORDER.map((tab, i) => ({ tab, key: String(i + 1), title: tr(TAB_TITLES[tab]), active: tab === active }));
}

function contentModel(view: AuditView, report: CardReport | undefined, options: PresentOptions): Presentation['content'] {
  const c = view.context;
  const title = t('section.content');
  if (view.matches('card')) {
    const op = openOperation(view);
    if (op !== undefined) {
      const operation = operationModel(view, op, options.keyHint);
      return { title, tabs: tabs(op === 'situations' ? 'situations' : undefined), lines: [], ...(operation ? { operation } : {}) };
    }
    return { title, tabs: tabs(c.tab), lines: tabLines(view, report, options.now) };
  }
  if (view.matches('done')) return { title, lines: [{ kind: 'text', text: t('screen.rereadOnReinsert') }] };
  return {
    title,
    tabs: tabs(c.tab),
    lines: infoLines(report !== undefined && report.identity.supported ? report : undefined, options.now),
  };
}

function tabLines(view: AuditView, report: CardReport | undefined, now: Date): Line[] {
  const c = view.context;
  switch (c.tab) {
    case 'info':
      return infoLines(report, now);
    case 'situations': {
      if (c.situations !== undefined) return situationLines(c.situations);
      if (report === undefined) return [];
      const state = codeState(report);
      return situationsPrompt(
        state === 'pinBlocked' || state === 'pukUnusable',
        report.pin.triesLeft,
        view.can({ type: 'ASK_SITUATIONS' }),
      );
    }
    case 'certificates':
      if (c.rest !== undefined) return [note(t('msg.certificatesComing'))];
      return report === undefined ? [] : certificateLines(report.certificates, now, report);
  }
}

/** Warnings about the certificates, for the certificates tab. */
const CERTIFICATE: ReadonlySet<WarningCode> = new Set(['certificate-expired', 'certificate-expiring', 'certificate-not-yet-valid']);
/** Already said by the information tab's own rows ("31/03/2014 (carte expirée)"). */
const INLINE_ON_INFO: ReadonlySet<WarningCode> = new Set(['card-expired']);

export function infoTabWarnings(report: CardReport, now: Date): CardWarning[] {
  return cardWarnings(report, now).filter((w) => !CERTIFICATE.has(w.code) && !INLINE_ON_INFO.has(w.code));
}

export function certificateTabWarnings(report: CardReport, now: Date): CardWarning[] {
  return cardWarnings(report, now).filter((w) => CERTIFICATE.has(w.code));
}

function warningLines(warnings: readonly CardWarning[]): Line[] {
  return warnings.map((w) => ({ kind: 'warning', text: w.message, severity: w.severity === 'danger' ? 'danger' : 'warning' }));
}

function objectLine(label: string, view: GenericView, title?: string): Line {
  return {
    kind: 'object',
    title: title ?? label,
    ...(title !== undefined ? { label } : {}),
    notPublished: notPublished(),
    size: t(view.size > 1 ? 'value.bytes.many' : 'value.bytes.one', { n: view.size }),
    content: genericLines(view),
  };
}

/** "Informations sur la carte": the codes' state, identifiers and dates, undecoded objects, warnings. */
export function infoLines(report: CardReport | undefined, now: Date): Line[] {
  const stands = report ? standing(report, now) : undefined;
  const pinBlocked = stands?.pin === 'blocked';
  const pukBad = stands !== undefined && !stands.pukUsable;
  const expiry = report ? cardExpiryText(report.validTo, now) : undefined;
  const unread = report ? unreadNote([report.issuer, report.logicalId, report.validFrom, report.validTo]) : undefined;
  const last = report?.lastUpdate;
  const warnings = report?.identity.supported ? infoTabWarnings(report, now) : [];
  const warned = new Set(warnings.map((w) => w.code));
  const pinLast = warned.has('pin-last-try');
  const pukLast = warned.has('puk-last-try');
  const pukFew = warned.has('puk-few-unblocks');
  const lines: Line[] = [
    field(t('field.pinState'), report ? pinStatusText(report.pin) : '', pinBlocked || pinLast ? 'danger' : report ? 'ok' : undefined),
    field(
      t('field.pukState'),
      report ? pukStatusText(report.puk) : '',
      pukBad || pukLast ? 'danger' : pukFew ? 'warning' : report ? 'ok' : undefined,
    ),
  ];
  // The card does not tell its lifetime unblocks (CPS4): unknown, not guessed.
  if (report?.identity.hasPin && report.puk.unblocksLeft === null) lines.push(field(t('field.unblocksLeft'), t('value.unknownNotTold')));
  lines.push(
    field(t('field.issuer'), report ? text(report.issuer) : ''),
    field(t('field.logicalId'), report ? text(report.logicalId) : ''),
    field(t('field.validFrom'), report ? readable(report.validFrom, frenchDate) : ''),
    field(t('field.validTo'), expiry?.text ?? '', expiry?.expired ? 'danger' : undefined),
  );
  if (last !== undefined) {
    lines.push(
      field(
        t('field.lastUpdate'),
        last.kind === 'date' ? frenchDate(last.iso) : t('value.lastUpdateRaw', { notPublished: notPublished() }),
      ),
    );
  }
  if (unread !== undefined) lines.push(note(unread, 0));
  if (last?.kind === 'raw') lines.push(objectLine('EF_ACTUA', last.content, t('field.lastUpdateShort')));
  for (const u of report?.undecoded ?? []) lines.push(objectLine(u.label, u.content));
  lines.push(...warningLines(warnings));
  return lines;
}

const USE: Record<CertificateInfo['use'], Key> = {
  signature: 'cert.signature',
  authentification: 'cert.authentification',
  inconnu: 'cert.inconnu',
};

/** "Information sur les certificats": use, holder, issuer, serial, validity and state of each. */
export function certificateLines(certificates: readonly Readable<CertificateInfo>[], now: Date, report?: CardReport): Line[] {
  if (certificates.length === 0) return [{ kind: 'text', text: t('cert.none') }];
  const lines: Line[] = [];
  certificates.forEach((c, i) => {
    if (!c.ok) {
      lines.push({ kind: 'text', text: t('cert.i19.failed', { n: i + 1, reason: cardFactWords(c.reason) }), tone: 'warning' });
      return;
    }
    const cert = c.value;
    const state = validityState(cert.notBefore, cert.notAfter, now);
    lines.push(
      { kind: 'heading', text: tr(USE[cert.use]) },
      field(t('field.certHolder'), cert.holder, undefined, 2),
      field(t('field.certIssuer'), cert.issuer, undefined, 2),
      field(t('field.serial'), cert.serial, undefined, 2),
      field(
        t('field.certValidity'),
        t('value.validity', { from: frenchDateOf(cert.notBefore), to: frenchDateOf(cert.notAfter) }),
        undefined,
        2,
      ),
      field(t('field.certState'), state.text, state.tone, 2),
    );
  });
  if (report !== undefined) lines.push(...warningLines(certificateTabWarnings(report, now)));
  return lines;
}

/** A label inside a sentence: "Zone tarifaire" → "zone tarifaire"; "Zone IK", "N° PS" keep theirs. */
function inSentence(label: string): string {
  const second = label.charAt(1);
  return second === second.toUpperCase() ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The rows of a situation, in the seed's order: label, value when read. */
function situationRows(s: PracticeSituation): { label: string; value: Readable<unknown>; show: () => string }[] {
  // The EE layout's sector is an RPPS R02 code ("SA07"): shown with its label, code beside it.
  const sector = (c: Coded) => (s.layout === 'EE' && c.label !== undefined ? `${c.label} (${c.code})` : coded(c));
  const row = (label: string, value: Readable<unknown>, show: () => string) => ({ label, value, show });
  return [
    row(t('situation.mode'), s.mode, () => readable(s.mode, coded)),
    row(t('situation.sector'), s.sector, () => readable(s.sector, sector)),
    row(t('situation.company'), s.companyName, () => text(s.companyName)),
    row(t('situation.structureId'), s.structureId, () =>
      s.structureIdType.ok ? `${text(s.structureId)} (${coded(s.structureIdType.value)})` : text(s.structureId),
    ),
    row(t('situation.billing'), s.billingNumber, () => text(s.billingNumber)),
    row(t('situation.convention'), s.convention, () => readable(s.convention, coded)),
    row(t('situation.speciality'), s.speciality, () => readable(s.speciality, coded)),
    row(t('situation.tariffZone'), s.tariffZone, () => readable(s.tariffZone, coded)),
    row(t('situation.ikZone'), s.ikZone, () => readable(s.ikZone, coded)),
  ];
}

/** "Situation d'exercice" once read: each situation's fields, what its layout does not name, what the card does not give. */
export function situationLines(situations: readonly Readable<PracticeSituation>[]): Line[] {
  if (situations.length === 0) return [{ kind: 'text', text: t('situation.none') }];
  const lines: Line[] = [];
  situations.forEach((r, i) => {
    if (!r.ok) {
      lines.push({ kind: 'text', text: t('situation.failed', { n: i + 1, reason: cardFactWords(r.reason) }), tone: 'warning' });
      return;
    }
    const s = r.value;
    if (s.layout === null && s.content !== undefined) {
      lines.push(objectLine(s.label, s.content, t('situation.title', { n: s.number })));
      return;
    }
    const all = situationRows(s);
    lines.push({ kind: 'heading', text: t('situation.title', { n: s.number }) });
    for (const row of all.filter((x) => x.value.ok)) lines.push(field(row.label, row.show(), undefined, 2));
    if (s.otherFields.length > 0) {
      lines.push(note(t('situation.otherFields')));
      for (const g of genericLines({ size: 0, nodes: s.otherFields })) lines.push(note(g.trimStart(), 4 + g.length - g.trimStart().length));
    }
    const missing = all.filter((x) => !x.value.ok).map((x) => inSentence(x.label));
    if (missing.length > 0) lines.push(note(t('situation.missing', { notRead: capitalise(notReadOnCard()), fields: missing.join(', ') })));
  });
  return lines;
}

function noticeLines(n: Notice): Line[] {
  return [{ kind: 'notice', notice: noticeModel(n) }];
}

/** Before the PIN is asked for: what a wrong PIN costs, or that the card must be unblocked first. */
export function situationsPrompt(pinBlocked: boolean, pinTriesLeft: number | null, canAsk: boolean): Line[] {
  if (pinBlocked) return noticeLines(SITUATIONS_PIN_BLOCKED);
  const lines = noticeLines(SITUATIONS_COST);
  if (pinTriesLeft !== null) lines.push({ kind: 'text', text: t('situation.triesLeft', { tries: tries(pinTriesLeft) }) });
  if (canAsk) lines.push({ kind: 'action', key: t('keyname.Entrée'), label: t('situation.enterToAsk'), brackets: false });
  return lines;
}

function operationModel(view: AuditView, op: Operation, keyHint: string | undefined): OperationModel | undefined {
  const c = view.context;
  const step = (s: FormStep) => inStep(view, op, s);
  if (step('confirmLastTry')) {
    const triesLeft = c.form?.lastTry === undefined ? 1 : c.form.lastTry.triesLeft;
    return { kind: 'confirm', op, title: t('confirm.title'), warning: noticeModel(lastTryWarning(op, triesLeft)) };
  }
  // Issue 21: the card test's checks, until Esc.
  if (op === 'test' && step('final')) return { kind: 'testResult', ...(c.cardTest !== undefined ? { result: c.cardTest } : {}) };
  if (op === 'test' && (step('sending') || (step('checking') && c.form?.fields.every((f) => f.length === 0)))) {
    return { kind: 'testRunning', text: t(step('sending') ? 'cardTest.tui.running' : 'cardTest.tui.checking') };
  }
  if (step('final')) return { kind: 'outcome', ...(c.outcome !== undefined ? { notice: noticeModel(c.outcome) } : {}) };
  const form = c.form;
  if (form === undefined) return undefined;
  const keypad = keypadHelp(c);
  const blocker = submitBlocker(view);
  return formModel(form, {
    // An Enter kept while the counters are read is a send already asked for: said at once.
    sending: step('sending') || form.submitPending === true,
    canSubmit: view.can({ type: 'SUBMIT' }),
    ...(blocker !== undefined ? { blocker } : {}),
    ...(keypad !== undefined ? { keypad } : {}),
    ...(keyHint !== undefined ? { keyHint } : {}),
    lostLetter: op === 'unblock',
  });
}

export interface FormFacts {
  readonly sending: boolean;
  readonly canSubmit: boolean;
  /** Why the button is disabled: submitBlocker (src/machine/selectors.ts). */
  readonly blocker?: string;
  readonly keypad?: KeypadHelp;
  readonly keyHint?: string;
  /** The unblock form says where to go when the letter with the unblock code is lost. */
  readonly lostLetter?: boolean;
}

/** A code form as data: what to type, each field's count (never its digits), the button and why it waits. */
export function formModel(form: FormState, f: FormFacts): Extract<OperationModel, { kind: 'form' }> {
  const specs = FORM_FIELDS[form.kind];
  return {
    kind: 'form',
    form: form.kind,
    hint: formHint(form),
    ...(f.lostLetter === true ? { lostLetter: t('screen.lostLetter') } : {}),
    fields: specs.map((spec, i) => {
      const typed = form.fields[i]?.length ?? 0;
      return {
        label: fieldLabel(spec),
        typed,
        max: fieldLength(form, i)?.max ?? typed,
        count: fieldCount(form, i),
        focused: form.focus === i && !f.sending,
        onKeypad: f.keypad?.onKeypad.has(spec.name) === true,
      };
    }),
    button: {
      label: tr(BUTTON_LABEL[form.kind]),
      focused: form.focus >= specs.length,
      sending: f.sending,
      enabled: f.canSubmit,
      ...(f.blocker !== undefined ? { blocker: f.blocker } : {}),
    },
    ...(f.keypad !== undefined ? { keypad: f.keypad } : {}),
    keypadLines: f.keypad !== undefined ? keypadLines(form.kind, f.keypad, f.sending) : [],
    ...(f.keyHint !== undefined ? { keyHint: f.keyHint } : {}),
    ...(form.error !== undefined ? { error: noticeModel(form.error) } : {}),
  };
}

export function helpModel(sections: readonly HelpSectionModel[]): HelpModel {
  return { title: t('help.title'), intro: t('help.noKeySends'), sections: sections.filter((s) => s.rows.length > 0) };
}
