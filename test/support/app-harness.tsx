// Renders the real app (machine, card service, in-process simulator) with ink-testing-library.
// Each key goes through React's act(): bare writes can be lost (stack.md).

import { render } from 'ink-testing-library';
import { act } from 'react';
import { App } from '../../src/app/tui/app.js';
import { createAudit } from '../../src/app/wiring.js';
import { createFixtureCard, type FixtureName, type SimulatedCard } from '../../src/card/simulator/fixtures.js';
import { DEFAULT_READER, InProcessTransport } from '../../src/card/transport/in-process.js';
import { NO_COLOUR_THEME, ThemeContext } from '../../src/screens/theme.js';
import { setLanguage, type Lang } from '../../src/i18n/index.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** A fixed "today" so that expiry texts do not move with the calendar. */
export const TODAY = new Date('2026-01-15T12:00:00Z');

export interface Harness {
  readonly transport: InProcessTransport;
  readonly actor: ReturnType<typeof createAudit>;
  readonly card: SimulatedCard | undefined;
  frame(): string;
  frames(): readonly string[];
  /** One write per string, each inside act(). */
  press(...keys: string[]): Promise<void>;
  waitFor(text: string | RegExp | ((frame: string) => boolean), timeoutMs?: number): Promise<string>;
  /** Waits for the read's second part (the certificates) to be in: the card screen is complete. */
  readDone(): Promise<string>;
  quits: number;
  toggles: number;
  unmount(): Promise<void>;
}

export interface HarnessOptions {
  readonly card?: FixtureName;
  readonly readers?: readonly string[];
  readonly columns?: number;
  readonly rows?: number;
  readonly demo?: boolean;
  /** Called when the app asks to quit (Ctrl-C, q), at that very moment. */
  readonly onQuit?: (actor: ReturnType<typeof createAudit>) => void;
  /** More cards, inserted before the tool starts: [reader, card]. */
  readonly more?: readonly (readonly [string, FixtureName])[];
  /** The language of the words (src/i18n); back to French on unmount. */
  readonly lang?: Lang;
  /** The app's current folder (saves, certificates written from tab 3). */
  readonly cwd?: string;
}

export async function startApp(options: HarnessOptions = {}): Promise<Harness> {
  setLanguage(options.lang ?? 'fr');
  const transport = new InProcessTransport(options.readers ? { readers: options.readers } : {});
  const card = options.card ? createFixtureCard(options.card) : undefined;
  if (card) transport.insert(options.readers?.[0] ?? DEFAULT_READER, card);
  for (const [reader, name] of options.more ?? []) transport.insert(reader, createFixtureCard(name));
  const actor = createAudit(transport);
  actor.start();
  const h = {
    quits: 0,
    toggles: 0,
  } as Harness;
  let r!: ReturnType<typeof render>;
  await act(async () => {
    r = render(
      <ThemeContext.Provider value={NO_COLOUR_THEME}>
        <App
          actor={actor}
          env={{ version: '9.9.9', demo: options.demo ?? true, now: TODAY }}
          onQuit={() => {
            h.quits++;
            options.onQuit?.(actor);
          }}
          onToggleCard={() => {
            h.toggles++;
          }}
          size={{ columns: options.columns ?? 100, rows: options.rows ?? 80 }}
          {...(options.cwd !== undefined ? { cwd: options.cwd } : {})}
        />
      </ThemeContext.Provider>,
    );
  });
  const frame = () => r.lastFrame() ?? '';
  return Object.assign(h, {
    transport,
    actor,
    card,
    frame,
    frames: () => r.frames,
    async press(...keys: string[]) {
      for (const k of keys) {
        await act(async () => {
          r.stdin.write(k);
        });
      }
    },
    async waitFor(want: string | RegExp | ((f: string) => boolean), timeoutMs = 10_000) {
      const ok = (f: string) => (typeof want === 'string' ? f.includes(want) : want instanceof RegExp ? want.test(f) : want(f));
      const until = Date.now() + timeoutMs;
      for (;;) {
        const f = frame();
        if (ok(f)) return f;
        if (Date.now() > until) throw new Error(`délai dépassé en attendant ${String(want)}\n--- dernier écran ---\n${f}`);
        await act(async () => {
          await new Promise((resolve) => setTimeout(resolve, 10));
        });
      }
    },
    async readDone() {
      return this.waitFor(() => actor.getSnapshot().matches({ card: { rest: 'complete' } }));
    },
    async unmount() {
      await act(async () => {
        r.unmount();
      });
      actor.stop();
      await transport.close();
      setLanguage('fr');
    },
  });
}
