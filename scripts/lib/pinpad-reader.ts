// The test reader with a keypad (test/pinpad-reader/ifd-pinpad.c): built here with the system's
// gcc against pcsc-lite's headers, named in a reader.conf entry that the private pcscd loads
// (pcscd.ts, option `pinpad`), and its keypad driven by the test through a Unix socket.
//
// Test equipment only: never installed with the tool.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { until } from './pcscd-wait.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SOURCE = path.join(ROOT, 'test/pinpad-reader/ifd-pinpad.c');
const OUT_DIR = path.join(ROOT, '.tmp/pinpad-reader');

/** Ports distinct from vpcd's 35963/35964. */
export const PINPAD_PORTS = [35971, 35972] as const;
export const PINPAD_NAME = 'CPS-Audit Pinpad';

export interface PinpadReaderConf {
  /** TCP port the card connects to (VirtualCard's `port`). */
  readonly port: number;
  /** The keypad's Unix socket (served by `Keypad`). */
  readonly keypad: string;
  /** 'vm' (default): verify and modify on the keypad; 'v': verify only; '-': no keypad feature. */
  readonly features?: string;
  readonly friendlyName?: string;
}

/** Builds the reader's driver when missing or older than its source; returns the .so path. */
export function buildPinpadReader(): string {
  const lib = path.join(OUT_DIR, 'libifd-pinpad.so');
  const stale = !fs.existsSync(lib) || fs.statSync(lib).mtimeMs < fs.statSync(SOURCE).mtimeMs;
  if (stale) {
    fs.mkdirSync(OUT_DIR, { recursive: true });
    const tmp = `${lib}.${process.pid}`;
    execFileSync('gcc', ['-Wall', '-Wextra', '-O1', '-shared', '-fPIC', '-I/usr/include/PCSC', '-o', tmp, SOURCE], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    fs.renameSync(tmp, lib);
  }
  return lib;
}

/** The reader.conf entry (pcscd -c DIR reads every file of DIR). */
export function pinpadReaderConf(conf: PinpadReaderConf, lib: string): string {
  const device = `${conf.port}:${conf.keypad}${conf.features ? `:${conf.features}` : ''}`;
  if (/\s/.test(device)) throw new Error(`chemin du clavier avec des espaces : ${device}`);
  return [
    `FRIENDLYNAME "${conf.friendlyName ?? PINPAD_NAME}"`,
    `DEVICENAME   ${device}`,
    `LIBPATH      ${lib}`,
    `CHANNELID    ${conf.port}`,
    '',
  ].join('\n');
}

export interface KeypadPrompt {
  /** verify, old, new or confirm. */
  readonly entry: string;
  readonly min: number;
  readonly max: number;
  readonly timeout: number;
}

/** What the reader said at the end of one keypad command: its status word, or REMOVED. */
export type KeypadDone = string;

/**
 * The keypad, test side. Each prompt of the reader takes the next scripted answer (keys: digits,
 * 'O' OK, 'C' cancel, 'B' correction, 'T' the timer running out); with none scripted the prompt
 * waits until `press` is called (or the reader's own timer runs out).
 */
export class Keypad {
  readonly path: string;
  readonly prompts: KeypadPrompt[] = [];
  readonly done: KeypadDone[] = [];
  private readonly script: string[] = [];
  private readonly server: net.Server;
  private current: net.Socket | undefined;
  private waiting = false;
  /** Called at each prompt, before any scripted key is sent (to look at the card's side then). */
  onPrompt: ((prompt: KeypadPrompt) => void) | undefined;

  constructor(dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cps-audit-keypad-'))) {
    this.path = path.join(dir, 'keypad.sock');
    this.server = net.createServer((socket) => this.serve(socket));
  }

  listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.path, () => resolve());
    });
  }

  /** Scripts the answers to the next prompts, one string per prompt. */
  answer(...keys: string[]): void {
    this.script.push(...keys);
  }

  /** Presses keys on the keypad now (to a prompt waiting without a script). */
  press(keys: string): void {
    if (!this.current || !this.waiting) throw new Error('le lecteur ne demande rien au clavier');
    this.current.write(keys);
  }

  /** Waits until the reader has asked `n` entries in all. */
  async promptCount(n: number, ms = 10_000): Promise<KeypadPrompt> {
    return until(() => this.prompts.length >= n && this.prompts[n - 1], ms, `${n} demande(s) du lecteur au clavier`);
  }

  /** Waits until the reader has finished `n` keypad commands in all; returns the n-th outcome. */
  async doneCount(n: number, ms = 10_000): Promise<KeypadDone> {
    return until(() => this.done.length >= n && this.done[n - 1], ms, `${n} fin(s) de saisie au clavier du lecteur`);
  }

  /** Forgets what was seen and scripted. */
  reset(): void {
    this.prompts.length = 0;
    this.done.length = 0;
    this.script.length = 0;
  }

  close(): Promise<void> {
    this.current?.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private serve(socket: net.Socket): void {
    this.current = socket;
    let pending = '';
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      pending += chunk.toString('latin1');
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        this.line(socket, line);
      }
    });
    socket.on('close', () => {
      if (this.current === socket) this.current = undefined;
      this.waiting = false;
    });
  }

  private line(socket: net.Socket, line: string): void {
    const enter = /^ENTER (\w+) min=(\d+) max=(\d+) timeout=(\d+)$/.exec(line);
    if (enter) {
      const prompt = { entry: enter[1]!, min: Number(enter[2]), max: Number(enter[3]), timeout: Number(enter[4]) };
      this.prompts.push(prompt);
      this.onPrompt?.(prompt);
      const keys = this.script.shift();
      this.waiting = keys === undefined;
      if (keys !== undefined) socket.write(keys);
      return;
    }
    const done = /^DONE (\S+)$/.exec(line);
    if (done) {
      this.waiting = false;
      this.done.push(done[1]!);
    }
  }
}
