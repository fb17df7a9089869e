// The read in two parts through the machine (issue 14): the first part shows the card screen while
// the same read brings the certificates; the full report replaces it; a failure of the rest is a
// failed read like any other.

import { describe, expect, it } from 'vitest';
import { UnexpectedCardResponseError } from '../../../src/card/cps/errors.js';
import { TransportError } from '../../../src/card/transport/errors.js';
import { mode } from '../../../src/machine/selectors.js';
import { A, makeReport, rig, type Rig } from '../../support/machine-doubles.js';

const snap = (r: Rig) => r.actor.getSnapshot();

async function firstPart(): Promise<{ r: Rig; call: Awaited<ReturnType<Rig['cards']['next']>> }> {
  const r = rig([A]);
  await r.reach('reading');
  const call = await r.cards.next('read');
  expect(call.first).toBeDefined();
  call.first!(makeReport({ pin: 0 }));
  await r.reach({ card: { rest: 'coming' } });
  return { r, call };
}

describe('progressive read', () => {
  it('shows the first part as the card screen, tabs working, then the full report', async () => {
    const { r, call } = await firstPart();
    expect(snap(r).context.report?.certificates).toEqual([]);
    expect(snap(r).context.rest).toBeDefined();
    expect(snap(r).matches({ card: { codes: 'pinBlocked' } })).toBe(true);
    expect(mode(snap(r))).toBe('card');
    r.actor.send({ type: 'TAB', tab: 'certificates' });
    expect(snap(r).context.tab).toBe('certificates');
    const full = { ...makeReport({ pin: 0 }), warnings: ['du certificat'] };
    call.resolve(full);
    await r.reach({ card: { rest: 'complete' } });
    expect(snap(r).context.report).toBe(full);
    expect(snap(r).context.rest).toBeUndefined();
    expect(snap(r).context.tab).toBe('certificates');
    r.actor.stop();
  });

  it('a full report at once (no first part) goes straight to a complete card screen', async () => {
    const r = rig([A]);
    await r.reach('reading');
    (await r.cards.next('read')).resolve(makeReport());
    await r.reach({ card: { rest: 'complete' } });
    r.actor.stop();
  });

  it('the card pulled while the certificates come: the reader has no card', async () => {
    const { r, call } = await firstPart();
    call.reject(new TransportError('card-removed', 'retirée'));
    await r.reach('noCard');
    expect(snap(r).context.rest).toBeUndefined();
    r.actor.stop();
  });

  it('pcscd gone while the certificates come', async () => {
    const { r, call } = await firstPart();
    call.reject(new TransportError('service-unavailable', 'pcscd'));
    await r.reach('serviceUnavailable');
    r.actor.stop();
  });

  it('another program took the card: card in use', async () => {
    const { r, call } = await firstPart();
    call.reject(new TransportError('card-in-use', 'occupée'));
    await r.reach('cardInUse');
    r.actor.stop();
  });

  it('an answer the tool does not understand: the read failed, with its message', async () => {
    const { r, call } = await firstPart();
    call.reject(new UnexpectedCardResponseError('READ BINARY', 0x6f00));
    await r.reach('readFailed');
    expect(snap(r).context.problem).toBeDefined();
    expect(snap(r).context.rest).toBeUndefined();
    r.actor.stop();
  });
});
