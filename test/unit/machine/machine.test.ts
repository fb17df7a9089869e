// The machine's scenarios (routing, forms, flows, transitions: *.scenarios.ts, each a set of
// describe blocks) run here, once, with their transitions recorded; the last test checks that
// every transition of the machine was taken by at least one of them.

import { expect, it } from 'vitest';
import type { AnyStateNode, AnyTransitionDefinition } from 'xstate';
import { auditMachine } from '../../../src/machine/machine.js';
import { TAKEN } from '../../support/machine-doubles.js';
import './routing.scenarios.js';
import './forms.scenarios.js';
import './flows.scenarios.js';
import './transitions.scenarios.js';
import './progressive.scenarios.js';
import './keypad.scenarios.js';
import './card-test.scenarios.js';

function allTransitions(node: AnyStateNode): AnyTransitionDefinition[] {
  const own = [...node.transitions.values()].flat().concat(node.always ?? []);
  return own.concat(Object.values(node.states).flatMap((child) => allTransitions(child)));
}

function label(t: AnyTransitionDefinition): string {
  const targets = t.target?.map((n) => n.id).join(',') ?? '(reste)';
  return `${t.source.id} — ${t.eventType || 'always'} → ${targets}`;
}

it('takes every transition of the machine', () => {
  const all = allTransitions(auditMachine.root);
  expect(all.length).toBeGreaterThan(80);
  const missing = all.filter((t) => !TAKEN.has(t)).map(label);
  expect(missing).toEqual([]);
});
