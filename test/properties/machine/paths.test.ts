// Model-based paths through the unblock and change flows: a breadth-first walk over every
// sequence of keys, card answers and card removals up to a depth, replayed on a fresh machine
// each time, checking the rules that must hold after every step (a small path walker: the
// flows wait on promise actors, which xstate/graph's pure traversal does not run).

import { describe, expect, it } from 'vitest';
import { CardRemovedDuringOperationError, CodeBlockedError, PukExhaustedError, WrongCodeError } from '../../../src/card/cps/errors.js';
import { TransportError } from '../../../src/card/transport/errors.js';
import type { AuditEvent } from '../../../src/machine/events.js';
import { FORM_FIELDS, formBlocker } from '../../../src/machine/forms.js';
import { isPinOperationInFlight, openOperation } from '../../../src/machine/selectors.js';
import { A, A_EMPTY, codesOf, makeReport, rig, type Rig } from '../../support/machine-doubles.js';
import { digitsEvent } from '../../../src/machine/events.js';
import { digitsOf } from '../../support/codes.js';
import { noticeText } from '../../../src/view/failure.js';

type Step =
  | { readonly kind: 'event'; readonly event: AuditEvent; readonly name: string }
  | { readonly kind: 'fill'; readonly name: string }
  /** Every field typed right, focus on the button: the common way to the button, in one step. */
  | { readonly kind: 'fillAll'; readonly name: string }
  | {
      readonly kind: 'answer';
      readonly name: string;
      readonly answer: (method: string) => { ok: true; value?: unknown } | { ok: false; error: unknown };
    }
  | { readonly kind: 'card'; readonly name: string; readonly present: boolean };

const FILL: Record<string, string> = { puk: '12345678', currentPin: '1234', newPin: '1111', confirmPin: '1111' };
const WRITES = ['unblockPin', 'changePin', 'readSituations'];

// Ctrl-C is left out of the walk (it would double every state); flows.scenarios.ts checks that no
// operation starts after it.
function alphabet(): Step[] {
  const ev = (event: AuditEvent, name: string = event.type): Step => ({ kind: 'event', event, name });
  return [
    { kind: 'fill', name: 'fill' },
    { kind: 'fillAll', name: 'fillAll' },
    // A complete field unlike FILL: a confirmation that differs, a wrong code.
    ev(digitsEvent('22222222'), 'fillOther'),
    ev({ type: 'BACKSPACE' }),
    ev({ type: 'NEXT_FIELD' }),
    ev({ type: 'PREV_FIELD' }),
    ev({ type: 'SUBMIT' }),
    ev({ type: 'CONFIRM' }),
    ev({ type: 'CANCEL' }),
    ev({ type: 'CLOSE_FORM' }),
    { kind: 'answer', name: 'ok', answer: () => ({ ok: true }) },
    { kind: 'answer', name: 'wrong', answer: (m) => ({ ok: false, error: new WrongCodeError(m === 'unblockPin' ? 'puk' : 'pin', 1) }) },
    { kind: 'answer', name: 'wrongLast', answer: (m) => ({ ok: false, error: new WrongCodeError(m === 'unblockPin' ? 'puk' : 'pin', 0) }) },
    { kind: 'answer', name: 'blocked', answer: (m) => ({ ok: false, error: new CodeBlockedError(m === 'unblockPin' ? 'puk' : 'pin') }) },
    { kind: 'answer', name: 'exhausted', answer: () => ({ ok: false, error: new PukExhaustedError() }) },
    { kind: 'answer', name: 'removedMid', answer: () => ({ ok: false, error: new CardRemovedDuringOperationError(true) }) },
    { kind: 'answer', name: 'inUse', answer: () => ({ ok: false, error: new TransportError('card-in-use', 'busy') }) },
    { kind: 'card', name: 'pull', present: false },
    { kind: 'card', name: 'insert', present: true },
  ];
}

// The scripted answers are promises: their effects on the machine need microtasks only.
const settle = async () => {
  for (let i = 0; i < 12; i++) await Promise.resolve();
};

interface World {
  readonly rig: Rig;
  /** Violations found while replaying. */
  readonly errors: string[];
  writesStarted: number;
  done: boolean;
}

function key(w: World): string {
  const s = w.rig.actor.getSnapshot();
  const c = s.context;
  const f = c.form;
  // Each field by what matters to the rules: empty, partial, complete (as filled, or otherwise).
  const fields = f
    ? FORM_FIELDS[f.kind].map((spec, i) => {
        const v = digitsOf(f.fields[i]);
        return v === '' ? 0 : v.length < f.lengths[spec.code].min ? 1 : v === FILL[spec.name] ? 2 : 3;
      })
    : [];
  return JSON.stringify([
    s.value,
    fields,
    f?.focus,
    noticeText(f?.error),
    c.report?.pin.triesLeft,
    c.report?.puk.triesLeft,
    c.report?.puk.unblocksLeft,
    w.rig.cards.calls.map((k) => k.method),
    c.readers.map((r) => r.atr !== undefined),
    c.quitRequested,
    noticeText(c.notice),
    noticeText(c.outcome),
  ]);
}

/** The rules every step must keep. `before` is the snapshot before the step. */
function check(w: World, step: Step, before: ReturnType<Rig['actor']['getSnapshot']>, madeBefore: number): void {
  const s = w.rig.actor.getSnapshot();
  const c = s.context;
  const fail = (m: string) => w.errors.push(`${step.name}: ${m}`);
  const op = openOperation(s);
  // The button is enabled exactly when the form is complete (and nobody asked to quit).
  if (op !== undefined && s.matches({ card: { view: { [op]: 'entering' } } }) && c.form) {
    const expected = formBlocker(c.form) === undefined && !c.quitRequested;
    if (s.can({ type: 'SUBMIT' }) !== expected)
      fail(`can(SUBMIT) ${String(!expected)} with blocker ${formBlocker(c.form)?.kind ?? 'none'}`);
  }
  // No typed code survives the form.
  if (op === undefined && c.form !== undefined) fail('form kept outside the form states');
  // In flight exactly while a code operation is pending on the card.
  const pending = w.rig.cards.calls.filter((k) => WRITES.includes(k.method));
  if (isPinOperationInFlight(s) !== pending.length > 0) fail(`in flight ${isPinOperationInFlight(s)} with ${pending.length} pending`);
  // A new code operation starts only from a complete form, after a last-try confirmation, never after Ctrl-C.
  const started = w.rig.cards.made > madeBefore && pending.length > 0;
  if (started && step.kind === 'event' && (step.event.type === 'SUBMIT' || step.event.type === 'CONFIRM')) {
    const b = before.context;
    if (b.quitRequested) fail('operation started after QUIT');
    if (!b.form || formBlocker(b.form) !== undefined) fail('operation started from an incomplete form');
    const call = pending[0]!;
    const last = call.method === 'unblockPin' ? b.report?.puk.triesLeft === 1 : b.report?.pin.triesLeft === 1;
    if (last && step.event.type !== 'CONFIRM') fail('last try sent without confirmation');
    for (const a of call.args.slice(1))
      if (!/^[0-9]{4}([0-9]{4})?$/.test(String(a))) fail(`malformed code sent: length ${String(a).length}`);
  }
  // A removal is never shown as a wrong code.
  if (step.name === 'removedMid' && /erroné/.test(`${noticeText(c.notice)} ${noticeText(c.outcome)} ${noticeText(c.form?.error)}`))
    fail('removal shown as a wrong code');
  // Success only after the card said yes.
  if (s.matches('done') && !before.matches('done') && step.name !== 'ok') fail('done without a success');
}

async function apply(w: World, step: Step): Promise<boolean> {
  const { rig } = w;
  const before = rig.actor.getSnapshot();
  const madeBefore = rig.cards.made;
  const was = key(w);
  switch (step.kind) {
    case 'event':
      rig.actor.send(step.event);
      break;
    case 'fill': {
      const f = before.context.form;
      const spec = f ? FORM_FIELDS[f.kind][f.focus] : undefined;
      if (!spec) return false;
      rig.actor.send(digitsEvent(FILL[spec.name]!));
      break;
    }
    case 'fillAll': {
      const f = before.context.form;
      if (!f) return false;
      for (const spec of FORM_FIELDS[f.kind]) {
        rig.actor.send(digitsEvent(FILL[spec.name]!));
        rig.actor.send({ type: 'NEXT_FIELD' });
      }
      break;
    }
    case 'answer': {
      const call = rig.cards.calls.shift();
      if (!call) return false;
      if (WRITES.includes(call.method)) {
        const a = step.answer(call.method);
        if (a.ok) call.resolve(undefined);
        else call.reject(a.error);
      } else if (step.name === 'ok') {
        // Reads: the card as the machine last knew it.
        const report = before.context.report ?? makeReport();
        call.resolve(call.method === 'readCodes' ? codesOf(report) : report);
      } else {
        rig.cards.calls.unshift(call);
        return false;
      }
      break;
    }
    case 'card':
      rig.transport.setReaders([step.present ? A : A_EMPTY]);
      break;
  }
  await settle();
  check(w, step, before, madeBefore);
  return key(w) !== was;
}

async function start(report: ReturnType<typeof makeReport>, open: 'OPEN_UNBLOCK' | 'OPEN_CHANGE'): Promise<World> {
  const r = rig([A]);
  await settle();
  const answer = (method: string, value: unknown) => {
    const i = r.cards.calls.findIndex((c) => c.method === method);
    if (i < 0) throw new Error(`no ${method} call`);
    r.cards.calls.splice(i, 1)[0]!.resolve(value);
  };
  answer('read', report);
  await settle();
  r.actor.send({ type: open });
  answer('readCodes', codesOf(report));
  await settle();
  return { rig: r, errors: [], writesStarted: 0, done: false };
}

async function walk(report: ReturnType<typeof makeReport>, open: 'OPEN_UNBLOCK' | 'OPEN_CHANGE', depth: number) {
  const steps = alphabet();
  const seen = new Map<string, readonly number[]>();
  const errors: string[] = [];
  const first = await start(report, open);
  seen.set(key(first), []);
  first.rig.actor.stop();
  let frontier: (readonly number[])[] = [[]];
  for (let d = 0; d < depth; d++) {
    const next: (readonly number[])[] = [];
    for (const path of frontier) {
      // Which steps can do anything from here (an answer needs a pending call, typing a form).
      const probe = await start(report, open);
      for (const j of path) await apply(probe, steps[j]!);
      const pendingCall = probe.rig.cards.calls.length > 0;
      const hasForm = probe.rig.actor.getSnapshot().context.form !== undefined;
      probe.rig.actor.stop();
      for (let i = 0; i < steps.length; i++) {
        const kind = steps[i]!.kind;
        if (kind === 'answer' && !pendingCall) continue;
        if ((kind === 'fill' || kind === 'fillAll') && !hasForm) continue;
        const w = await start(report, open);
        for (const j of path) await apply(w, steps[j]!);
        const moved = await apply(w, steps[i]!);
        const k = key(w);
        w.rig.actor.stop();
        if (w.errors.length > 0) errors.push(`${[...path, i].map((j) => steps[j]!.name).join(' → ')} :: ${w.errors.join('; ')}`);
        if (!moved || seen.has(k)) continue;
        seen.set(k, [...path, i]);
        next.push([...path, i]);
      }
    }
    frontier = next;
  }
  const states = new Set([...seen.keys()].map((k) => JSON.stringify(JSON.parse(k)[0])));
  return { errors, explored: seen.size, states };
}

// Depth 6 reaches the re-read after a removal; the last-try flows need one step more to get
// anywhere, so 5 is enough to cover their confirmation and its outcomes.
const FLOWS = [
  { name: 'unblock, PUK with 2 tries', report: makeReport({ pin: 0, puk: 2 }), open: 'OPEN_UNBLOCK', depth: 6 },
  { name: 'unblock, last PUK try', report: makeReport({ pin: 0, puk: 1 }), open: 'OPEN_UNBLOCK', depth: 5 },
  { name: 'change, PIN with 2 tries', report: makeReport({ pin: 2 }), open: 'OPEN_CHANGE', depth: 6 },
  { name: 'change, last PIN try', report: makeReport({ pin: 1 }), open: 'OPEN_CHANGE', depth: 5 },
] as const;

describe('every path through the flows keeps the rules', () => {
  for (const flow of FLOWS) {
    it(
      flow.name,
      async () => {
        const { errors, explored, states } = await walk(flow.report, flow.open, flow.depth);
        expect(errors.slice(0, 5)).toEqual([]);
        expect(explored).toBeGreaterThan(50);
        const all = [...states].join('\n');
        const wanted = ['"entering"', '"sending"', '"final"', '"waitRemoval"', '"waitReinsert"', '"interrupted"', '"noCard"'];
        if (flow.depth >= 6) wanted.push('"reading"');
        if (flow.name.includes('last')) wanted.push('"confirmLastTry"');
        for (const s of wanted) expect(all).toContain(s);
      },
      120_000,
    );
  }
});
