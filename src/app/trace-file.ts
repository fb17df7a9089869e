// `--trace FILE`: a timestamped APDU trace for a support escalation. Its head says the tool,
// Node and pcsc-lite versions; each connection says its reader and ATR; each APDU comes from the
// card layer already masked (src/card/apdu/trace.ts: PIN and PUK data never reach this file).
// Each command is written before it goes to the card (the card service's onSent), in a write(2) of its
// own: a process that dies while the card works (a terminal gone, a kill) leaves in the file
// every command that left; its answer follows once it came.
//
// The file is created exclusively (O_EXCL), mode 0600, never through a symbolic link
// (O_NOFOLLOW). A file already there is replaced only if it is a trace of ours: a regular file of
// the same owner whose first line is TRACE_MAGIC. Anything else is refused, untouched.

import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import type { TraceEntry } from '../card/apdu/trace.js';
import { hex } from '../card/bytes.js';
import type { CardConnection, Transport } from '../card/transport/transport.js';
import { safeText } from '../card/safe-text.js';
import { maskDigits } from '../view/mask.js';
import { t } from '../i18n/index.js';

/** The first line of every trace file: how a trace is recognised. */
export const TRACE_MAGIC = '# cps-audit trace v1';

export type TraceOpen = { readonly ok: true; readonly trace: TraceFile } | { readonly ok: false; readonly message: string };

export interface TraceFile {
  readonly path: string;
  /** One line, timestamped. */
  line(text: string): void;
  /** A command about to leave (its data masked), written before it is sent. */
  sent(seq: number, command: string, masked: boolean): void;
  /** The exchange's end: its answer, or why it failed (the command too, if `sent` did not write it). */
  apdu(entry: TraceEntry): void;
  close(): void;
}

function isOurTrace(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const st = fstatSync(fd);
    if (!st.isFile()) return false;
    if (typeof process.getuid === 'function' && st.uid !== process.getuid()) return false;
    const buf = Buffer.alloc(TRACE_MAGIC.length + 1);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('utf8') === `${TRACE_MAGIC}\n`;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function createExclusive(path: string): number {
  return openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
}

export function openTrace(path: string, head: readonly string[], now: () => Date = () => new Date()): TraceOpen {
  const shown = maskDigits(path);
  let fd: number;
  try {
    fd = createExclusive(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST')
      return {
        ok: false,
        message: t('trace.cannotCreate', { file: shown, detail: code ?? String(e) }),
      };
    let link = false;
    try {
      link = lstatSync(path).isSymbolicLink();
    } catch {
      // gone meanwhile: try again below
    }
    if (link || !isOurTrace(path)) {
      return {
        ok: false,
        message: link ? t('trace.notOursLink', { file: shown }) : t('trace.notOurs', { file: shown }),
      };
    }
    try {
      unlinkSync(path);
      fd = createExclusive(path);
    } catch (e2) {
      return { ok: false, message: t('trace.cannotReplace', { file: shown, detail: (e2 as NodeJS.ErrnoException).code ?? String(e2) }) };
    }
  }
  let open = true;
  const write = (s: string) => {
    if (!open) return;
    try {
      writeSync(fd, s);
    } catch {
      // A full disk must not stop the tool: the trace is a help, not the job.
    }
  };
  let lastSent: number | undefined;
  const commandLine = (seq: number, command: string, masked: boolean) =>
    `${now().toISOString()} #${seq} > ${command}${masked ? `   ${t('trace.masked')}` : ''}\n`;
  write(`${TRACE_MAGIC}\n`);
  for (const h of head) write(`# ${safeText(h)}\n`);
  const trace: TraceFile = {
    path,
    line: (text) => write(`${now().toISOString()} ${safeText(text)}\n`),
    sent: (seq, command, masked) => {
      lastSent = seq;
      write(commandLine(seq, command, masked));
    },
    apdu: (e) => {
      const out = lastSent === e.seq ? '' : commandLine(e.seq, e.command, e.masked);
      lastSent = undefined;
      const back =
        e.response !== undefined
          ? `${now().toISOString()} #${e.seq} < ${e.response} (${e.ms.toFixed(1)} ms)\n`
          : `${now().toISOString()} #${e.seq} ! ${e.error ?? t('trace.failed')} (${e.ms.toFixed(1)} ms)\n`;
      write(out + back);
    },
    close: () => {
      if (!open) return;
      write(`${now().toISOString()} ${t('trace.end')}\n`);
      open = false;
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
    },
  };
  return { ok: true, trace };
}

/** A PC/SC error's kind and, when there is one, its code ("service-unavailable, 0x8010001D"). */
function errorDetail(e: { readonly kind: string; readonly code?: number }): string {
  return e.code === undefined ? e.kind : `${e.kind}, 0x${e.code.toString(16).toUpperCase()}`;
}

/** A transport whose connections are announced in the trace (reader, mode, ATR) and whose events are noted. */
export function tracedTransport(inner: Transport, trace: TraceFile): Transport {
  return {
    watch(listener) {
      inner.watch((event) => {
        if (event.type === 'service') {
          trace.line(
            event.service.status === 'up' ? t('trace.serviceUp') : t('trace.serviceDown', { detail: errorDetail(event.service.error) }),
          );
        } else {
          trace.line(
            t('trace.readers', {
              readers:
                event.readers.length === 0
                  ? t('trace.readers.none')
                  : event.readers
                      .map((r) =>
                        t('trace.reader', {
                          name: r.name,
                          state: r.atr ? `ATR ${hex(r.atr)}${r.inUse ? ` ${t('trace.reader.inUse')}` : ''}` : t('trace.reader.empty'),
                        }),
                      )
                      .join(t('list.separator')),
            }),
          );
        }
        listener(event);
      });
    },
    async connect(reader, mode): Promise<CardConnection> {
      trace.line(mode === 'exclusive' ? t('trace.connect.exclusive', { reader }) : t('trace.connect.shared', { reader }));
      try {
        const c = await inner.connect(reader, mode);
        trace.line(t('trace.connected', { reader, atr: hex(c.atr) }));
        return {
          reader: c.reader,
          atr: c.atr,
          transmit: (cmd) => c.transmit(cmd),
          // Issue 20: the reader's part 10 features and keypad; the APDU trace says what was sent.
          ...(c.control ? { control: c.control.bind(c) } : {}),
          disconnect: async (d) => {
            await c.disconnect(d);
            trace.line(d === 'reset' ? t('trace.disconnect.reset') : t('trace.disconnect.leave'));
          },
        };
      } catch (e) {
        trace.line(t('trace.connectFailed', { detail: e instanceof Error ? e.message : String(e) }));
        throw e;
      }
    },
    close: () => inner.close(),
  };
}
