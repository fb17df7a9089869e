// Every transition of the machine is taken by at least one test: the scenario files run here
// again with their transitions recorded, and the last test compares with the machine's own list.

import { expect, it } from 'vitest';
import type { AnyStateNode, AnyTransitionDefinition } from 'xstate';
import { auditMachine } from '../../../src/machine/machine.js';
import { TAKEN } from './doubles.js';
import './routing.test.js';
import './forms.test.js';
import './flows.test.js';
import './transitions.test.js';
import './progressive.test.js';

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
