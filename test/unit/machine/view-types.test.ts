// The screens' view is typed from the machine's own snapshot (selectors.ts, StateTest): a renamed
// or misspelt state is a type error. The `@ts-expect-error` lines below are checked by `tsc
// --noEmit` (npm run typecheck): were `matches` to take any string again, they would be unused
// directives, and tsc would fail on them.

import { describe, expect, expectTypeOf, it } from 'vitest';
import { createActor } from 'xstate';
import { InProcessTransport } from '../../../src/card/transport/in-process.js';
import { createCardService } from '../../../src/card/cps/service.js';
import { auditMachine } from '../../../src/machine/machine.js';
import { formStep, inStep, type FormStep, type MachineView, type StateTest } from '../../../src/machine/selectors.js';
import type { AuditView } from '../../../src/screens/view.js';

describe('the view the screens read is typed from the machine', () => {
  it('takes the machine’s states and refuses a misspelt one', async () => {
    const transport = new InProcessTransport();
    const actor = createActor(auditMachine, { input: { transport, cards: createCardService(transport) } });
    // The real snapshot is a view, as the screens get it.
    const view: AuditView = actor.getSnapshot();
    expect(view.matches('starting')).toBe(true);
    expect(view.matches({ card: { view: { unblock: 'sending' } } })).toBe(false);
    expect(inStep(view, 'change', 'final')).toBe(false);

    // @ts-expect-error: no state "stating" (a misspelt "starting")
    expect(view.matches('stating')).toBe(false);
    // @ts-expect-error: the unblock form has no step "sendin"
    expect(view.matches({ card: { view: { unblock: 'sendin' } } })).toBe(false);
    // @ts-expect-error: no step "confirm" in any form (it is "confirmLastTry")
    expect(inStep(view, 'unblock', 'confirm')).toBe(false);
    // @ts-expect-error: the situations form ends on the card screen, it has no "final" step
    expect(view.matches(formStep('situations', 'final'))).toBe(false);
    await transport.close();
  });

  it('its types name the states and steps of the statechart', () => {
    expectTypeOf<'interrupted'>().toExtend<StateTest>();
    expectTypeOf<{ done: 'waitReinsert' }>().toExtend<StateTest>();
    expectTypeOf<'stating'>().not.toExtend<StateTest>();
    expectTypeOf<FormStep<'unblock'>>().toEqualTypeOf<'checking' | 'entering' | 'confirmLastTry' | 'sending' | 'final'>();
    expectTypeOf<FormStep<'situations'>>().toEqualTypeOf<'checking' | 'entering' | 'confirmLastTry' | 'sending'>();
    expectTypeOf<MachineView['matches']>().parameter(0).toEqualTypeOf<StateTest>();
  });
});
