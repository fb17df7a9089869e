// The frames the built tool writes (issue 14, docs/benchmarks.md): with the card already in the
// reader, the first frame is the card itself, not a "reading" screen shown for some milliseconds;
// a slow read still shows that it is reading; and a key press writes one frame, at once, that
// shows its result (Ink used to write the same frame twice, the second a throttle period later).

import { afterEach, beforeAll, expect, it } from 'vitest';
import { ensureBuilt } from '../support/pty-build.js';
import { startPty, type PtySession } from '../support/pty.js';

let bundle = '';
let session: PtySession | undefined;

beforeAll(() => {
  bundle = ensureBuilt();
}, 120_000);

afterEach(() => {
  session?.kill();
  session = undefined;
});

const FRAME_END = '\u001b[?2026l'; // Ink ends each frame's synchronized update with it

/** The frames written so far from `from`, each ending with FRAME_END. */
function framesFrom(s: PtySession, from: number): string[] {
  const parts = s.output().slice(from).split(FRAME_END);
  return parts.slice(0, -1);
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('with the card in the reader, the first frame already shows the holder and codes', async () => {
  session = startPty({ args: [bundle, '--demo'] });
  await session.waitFor(() => framesFrom(session!, 0).length > 0, 'a first frame', 20_000);
  const first = framesFrom(session, 0)[0]!;
  expect(first).toContain('99002752');
  expect(first).toContain('DENT-CS0595');
  expect(first).not.toContain('Lecture de la carte en cours');
});

it('a slow read (CPS3 link speed, the first part after some 1 s) still shows "Lecture de la carte en cours" first', async () => {
  session = startPty({ args: [bundle, '--demo', '--real-speed'] });
  await session.waitForText('Lecture de la carte en cours', 20_000);
  expect(session.output()).not.toContain('99002752');
  await session.waitForText('99002752', 20_000);
});

it('each tab key writes one frame, which shows that tab; the last of a burst of keys is the one on screen', async () => {
  session = startPty({ args: [bundle, '--demo'] });
  await session.waitForText('99002752', 20_000);
  await pause(1_500); // the rest of the read (certificates) and its frames are over
  for (const [key, text] of [
    ['2', 'ne peuvent pas'],
    ['1', 'Etat du code porteur'],
    ['2', 'ne peuvent pas'],
    ['1', 'Etat du code porteur'],
  ] as const) {
    const from = session.output().length;
    session.write(key);
    await session.waitFor(() => framesFrom(session!, from).some((f) => f.includes(text)), `the frame of key ${key}`, 5_000);
    await pause(300); // ten times Ink's throttle period: a second frame would have come by now
    const frames = framesFrom(session, from);
    expect(frames, `frames after key ${key}`).toHaveLength(1);
    expect(frames[0]).toContain(text);
  }
  // A burst: every key within one write; the screen ends on the last one's tab.
  session.write('2');
  session.write('1');
  session.write('3');
  await session.waitForText('Certificat de signature', 5_000);
  await pause(300);
  expect(session.screenText()).toContain('Certificat de signature');
  expect(session.screenText()).not.toContain('Etat du code porteur');
});
