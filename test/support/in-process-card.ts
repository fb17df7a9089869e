// Test helpers for the card layer: a card service over the in-process transport with a fixture.

import { createCardService } from '../../src/card/cps/service.js';
import type { TraceEntry } from '../../src/card/apdu/trace.js';
import { createFixtureCard, type FixtureName } from '../../src/card/simulator/fixtures.js';
import { DEFAULT_READER, InProcessTransport } from '../../src/card/transport/in-process.js';

export const READER = DEFAULT_READER;

export function setup(fixture: FixtureName) {
  const transport = new InProcessTransport();
  const card = createFixtureCard(fixture);
  transport.insert(READER, card);
  const traces: TraceEntry[] = [];
  const service = createCardService(transport, { onTrace: (e) => traces.push(e) });
  return { transport, card, service, traces };
}

/** Awaits a promise expected to reject and returns the error (fails the test otherwise). */
export async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('the operation succeeded where it should have failed');
}
