// The first frame waits, within a bound, for the machine to leave the states it passes through
// at start (starting, route, reading): with the card already in the reader (the demo, or a CPS
// read at CPS4 speed) the holder and codes come some milliseconds later, and drawing "Lecture en
// cours…" first cost a whole cold frame of Ink (about 100 ms of start-up, docs/benchmarks.md)
// for a screen shown less time than the eye takes to read it. A slow read still shows its
// "reading" screen, FIRST_FRAME_WAIT_MS after start.

import type { Actor } from 'xstate';
import type { AuditMachine } from '../../machine/machine.js';
import { topState } from '../../machine/selectors.js';

/** The longest the first frame waits for the first part of the read. */
export const FIRST_FRAME_WAIT_MS = 150;

type Snapshot = ReturnType<Actor<AuditMachine>['getSnapshot']>;

/** The states the tool passes through on its own at start, before anything the user must see. */
export function passingThrough(snap: Snapshot): boolean {
  if (snap.status !== 'active') return false;
  const where = topState(snap);
  return where === 'starting' || where === 'route' || where === 'reading';
}

/** Resolves once the machine has left its start-up states, or after `waitMs`. */
export function firstFrameReady(actor: Actor<AuditMachine>, waitMs = FIRST_FRAME_WAIT_MS): Promise<void> {
  if (!passingThrough(actor.getSnapshot())) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      sub.unsubscribe();
      resolve();
    };
    const timer = setTimeout(done, waitMs);
    const sub = actor.subscribe({ next: (snap) => !passingThrough(snap) && done(), error: done, complete: done });
  });
}
