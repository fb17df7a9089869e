// The one way out of both runtimes (issue 19: the full screen's run.tsx and the accessible mode
// wrote it twice): however many ways out are asked for at once (q, then Ctrl-C, then SIGTERM),
// the runtime lets go once, the card layer is closed once, the state file told once, one exit
// line, one exit code; and once something else took over (an error drawing the screen), no quit
// acts. The real machine over an in-process simulated card.

import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from 'xstate';
import { exitPath } from '../../../src/app/tui/exit-path.js';
import { createAudit } from '../../../src/app/wiring.js';
import { EXIT } from '../../../src/app/exit-codes.js';
import { createFixtureCard } from '../../../src/card/simulator/fixtures.js';
import { DEFAULT_READER, InProcessTransport } from '../../../src/card/transport/in-process.js';

function rig() {
  const transport = new InProcessTransport();
  transport.insert(DEFAULT_READER, createFixtureCard('cps3-rpps'));
  const actor = createAudit(transport);
  actor.start();
  const stderr = new PassThrough();
  let said = '';
  stderr.on('data', (d: Buffer) => (said += d.toString('utf8')));
  const counts = { release: 0, restore: 0, close: 0, leave: 0 };
  const exit = exitPath(
    {
      actor,
      env: { version: 'test', demo: true, now: new Date() },
      close: async () => {
        counts.close++;
        await transport.close();
      },
      stdout: new PassThrough() as unknown as NodeJS.WriteStream,
      stdin: new PassThrough() as unknown as NodeJS.ReadStream,
      stderr: stderr as unknown as NodeJS.WriteStream,
      lastRun: { leave: () => void counts.leave++, stop: () => undefined },
    },
    { release: () => void counts.release++, restore: () => void counts.restore++ },
  );
  return { actor, transport, exit, counts, said: () => said };
}

describe('exitPath', () => {
  let r: ReturnType<typeof rig>;
  afterEach(async () => {
    r.actor.stop();
    await r.transport.close();
  });

  it('q, Ctrl-C and SIGTERM together: one release, one close, one exit line, the card’s exit code', async () => {
    r = rig();
    await waitFor(r.actor, (s) => s.matches({ card: { rest: 'complete' } }), { timeout: 10_000 });
    r.exit.requestQuit();
    r.exit.requestQuit();
    r.exit.requestQuit();
    expect(await r.exit.done).toBe(EXIT.ok);
    expect(r.counts).toEqual({ release: 1, restore: 1, close: 1, leave: 1 });
    expect(r.said().trim().split('\n')).toHaveLength(1);
    expect(r.said()).toContain('99104417');
    expect(r.exit.gone()).toBe(false);
  });

  it('once something else took over, a quit does nothing', async () => {
    r = rig();
    expect(r.exit.takeOver()).toBe(true);
    r.exit.requestQuit();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(r.counts).toEqual({ release: 0, restore: 0, close: 0, leave: 0 });
    expect(r.exit.takeOver()).toBe(false);
  });
});
