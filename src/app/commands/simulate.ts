// `cps-audit simulate`: puts a simulated test card in vsmartcard-vpcd's virtual reader, so that
// pcscd, this tool in real mode, OpenSC or any PC/SC program can use it.
//
// The card is inserted at start. A line `remove` or `insert` on standard input, or SIGUSR1
// (toggle), removes or reinserts it with its memory intact. SIGTERM or SIGINT ends cleanly.
// With --state FILE, the card's codes and counters (a TEST card's, the simulator's own memory)
// are loaded at start and saved, atomically, after every change: written to a temporary file
// created exclusively (random name, mode 0600, never through a link), then renamed over FILE.
// A state file, or a folder, that another user could write is refused: they could plant a link
// where the file is written, or change the card's codes behind the tester's back.

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { maskDigits } from '../../view/mask.js';
import { parseSimulateArgs, type SimulateArgs } from '../cli/simulate-args.js';
import { FIXTURE_NAMES, cardFromSnapshot, createFixtureCard, isFixtureName, type SimulatedCard } from '../../card/simulator/fixtures.js';
import { hex } from '../../card/bytes.js';
import { QUIRK_NAMES, withQuirk } from '../../card/simulator/quirks.js';
import { VirtualCard, VPCD_PORT } from '../../card/vpcd/virtual-card.js';
import { t, tr, type Key } from '../../i18n/index.js';
import { fixtureDescription } from '../cli/help-text.js';
import { errorWords } from '../../view/failure.js';

export interface SimulateIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  /** Where SIGTERM, SIGINT and SIGUSR1 arrive (the process, unless a test says otherwise). */
  readonly signals: NodeJS.EventEmitter;
}

const RETRY_MS = 1000;
// vpcd polls for the card about every 400 ms: a card back sooner than this after its removal
// could go unnoticed by pcscd, which would then talk to a connection that no longer exists.
const MIN_OUT_MS = 1000;

/**
 * Lines wider than `width` broken between words; a continuation lines up under the text of its
 * column (after the option or card name), so that the help reads in an 80-column terminal.
 */
export function wrapHelp(text: string, width = 80): string {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if ([...line].length <= width) {
      out.push(line);
      continue;
    }
    const column = /^(\s*\S+(?: \S+)*? {2,})\S/.exec(line)?.[1]?.length ?? /^\s*/.exec(line)![0].length;
    const hang = column < width / 2 ? column : 4;
    let current = '';
    // French spacing: an opening guillemet and its word, a word and its ; : ! ? or closing guillemet stay together.
    for (const word of line.split(/(?<=\S) (?=\S)/).reduce<string[]>((words, w) => {
      const prev = words[words.length - 1];
      if (prev !== undefined && (/^[;:\u00BB!?]/.test(w) || prev.endsWith('\u00AB'))) words[words.length - 1] = `${prev} ${w}`;
      else words.push(w);
      return words;
    }, [])) {
      if (current !== '' && [...current].length + 1 + [...word.trimStart()].length > width) {
        out.push(current);
        current = ' '.repeat(hang) + word.trimStart();
      } else current = current === '' ? word : `${current} ${word}`;
    }
    out.push(current);
  }
  return out.join('\n');
}

export function simulateHelp(): string {
  const cards = FIXTURE_NAMES.map((n) => `  ${n.padEnd(14)} ${fixtureDescription(n)}`).join('\n');
  const quirks = QUIRK_NAMES.map((n) => `                     ${n} : ${tr(`quirk.${n}` as Key)}`).join('\n');
  return wrapHelp(t('sim.help', { port: VPCD_PORT, cards, quirks }));
}

const REMEDY = (): string => t('sim.state.remedy');

/** Who may write `st`: null when only its owner (this user, or root) may. */
function writableByOthers(st: fs.Stats): string | null {
  const uid = process.getuid?.();
  if (uid !== undefined && st.uid !== uid && st.uid !== 0) return t('sim.state.otherOwner', { uid: st.uid });
  if ((st.mode & 0o022) !== 0) return t('sim.state.othersWrite', { mode: (st.mode & 0o7777).toString(8).padStart(4, '0') });
  return null;
}

/**
 * Why the state file `file` cannot be used safely (French, with its remedy), or null. Its folder
 * and the file itself (when it exists) must be writable by this user only; the file must be a
 * plain file, not a link.
 */
export function stateFileProblem(file: string): string | null {
  const dir = path.dirname(path.resolve(file));
  let d: fs.Stats;
  try {
    d = fs.statSync(dir);
  } catch {
    return t('sim.state.noDir', { dir, remedy: REMEDY() });
  }
  if (!d.isDirectory()) return t('sim.state.notDir', { dir, remedy: REMEDY() });
  const dirProblem = writableByOthers(d);
  if (dirProblem) return t('sim.state.dirUnsafe', { dir, problem: dirProblem, remedy: REMEDY() });
  let f: fs.Stats;
  try {
    f = fs.lstatSync(file);
  } catch {
    return null; // not there yet: it will be created, 0600
  }
  if (f.isSymbolicLink()) return t('sim.state.link', { file, remedy: REMEDY() });
  if (!f.isFile()) return t('sim.state.notFile', { file });
  const fileProblem = writableByOthers(f);
  if (fileProblem) return t('sim.state.fileUnsafe', { file, problem: fileProblem, remedy: REMEDY() });
  return null;
}

/** Loads the card: from the state file when it exists (same card only), else fresh. */
function loadCard(args: SimulateArgs): SimulatedCard {
  if (!isFixtureName(args.card)) throw new Error(t('sim.unknownCard', { card: args.card }));
  if (args.state === undefined || !fs.existsSync(args.state)) return createFixtureCard(args.card);
  let json: unknown;
  try {
    // O_NOFOLLOW: a link planted since the check is not followed.
    const fd = fs.openSync(args.state, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
    try {
      json = JSON.parse(fs.readFileSync(fd, 'utf8'));
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    throw new Error(t('sim.state.unreadable', { file: args.state, detail: e instanceof Error ? e.message : String(e) }), { cause: e });
  }
  const card = cardFromSnapshot(json);
  if (card.fixture !== args.card) {
    throw new Error(t('sim.state.otherCard', { file: args.state, saved: card.fixture, card: args.card }));
  }
  return card;
}

/**
 * Writes the snapshot beside the file then renames it: a reader never sees half a file. The
 * temporary file has a random name and is created exclusively (O_EXCL: a file or link already
 * there is an error, never followed nor changed), mode 0600.
 */
export function saveState(file: string, card: Pick<SimulatedCard, 'snapshot'>): void {
  const snap = card.snapshot();
  if (snap === null) return;
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(12).toString('hex')}.tmp`);
  const { O_WRONLY, O_CREAT, O_EXCL, O_NOFOLLOW } = fs.constants;
  const fd = fs.openSync(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600);
  try {
    try {
      fs.fchmodSync(fd, 0o600); // whatever the umask
      fs.writeFileSync(fd, `${JSON.stringify(snap, null, 2)}\n`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

export async function runSimulate(
  argv: readonly string[],
  io: SimulateIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, signals: process },
): Promise<number> {
  const say = (line: string) => io.stdout.write(`${line}\n`);
  const complain = (line: string) => io.stderr.write(`${line}\n`);
  const parsed = parseSimulateArgs(argv);
  if (parsed.ok === 'help') {
    io.stdout.write(simulateHelp());
    return 0;
  }
  if (!parsed.ok) {
    complain(parsed.message);
    return 2;
  }
  const args = parsed.args;
  const card = prepareCard(args, complain);
  if (typeof card === 'number') return card;
  const state = new StateKeeper(args.state, card, complain);
  if (!state.createIfMissing()) return 1;
  const link = new CardLink(card, args, state, say, complain);
  return new Promise<number>((resolve) => listen(io, link, say, complain, resolve));
}

/** The card to simulate (from its state file when there is one), or the exit code of a refusal. */
function prepareCard(args: SimulateArgs, complain: (line: string) => void): SimulatedCard | number {
  if (args.state !== undefined) {
    const problem = stateFileProblem(args.state);
    if (problem) {
      complain(t('sim.state.refused', { problem }));
      return 1;
    }
  }
  try {
    const card = loadCard(args);
    return args.quirk === undefined ? card : withQuirk(card, args.quirk);
  } catch (e) {
    complain(t('sim.prepareFailed', { detail: errorWords(e) }));
    return 1;
  }
}

/** With --state: the card's memory written after every change (and at start when the file is new). */
class StateKeeper {
  private lastSaved: string;

  constructor(
    private readonly file: string | undefined,
    private readonly card: SimulatedCard,
    private readonly complain: (line: string) => void,
  ) {
    this.lastSaved = JSON.stringify(card.snapshot());
  }

  /** false when a new state file cannot be written (the simulation does not start). */
  createIfMissing(): boolean {
    if (this.file === undefined || fs.existsSync(this.file)) return true;
    try {
      saveState(this.file, this.card);
      return true;
    } catch (e) {
      this.complain(t('sim.state.createFailed', { file: this.file, detail: e instanceof Error ? e.message : String(e) }));
      return false;
    }
  }

  persist(): void {
    if (this.file === undefined) return;
    const now = JSON.stringify(this.card.snapshot());
    if (now === this.lastSaved) return;
    try {
      saveState(this.file, this.card);
      this.lastSaved = now;
    } catch (e) {
      this.complain(t('sim.state.saveFailed', { file: this.file, detail: e instanceof Error ? e.message : String(e) }));
    }
  }
}

/**
 * The card's place in the virtual reader. `wanted` is what the user asked (card in or out); the
 * link follows it, retrying every second while vpcd is away.
 */
class CardLink {
  wanted = true;
  ending = false;
  private retry: NodeJS.Timeout | undefined;
  private unreachableSaid = false;
  private removedAt = 0;
  readonly vcard: VirtualCard;
  private readonly where: string;

  constructor(
    private readonly card: SimulatedCard,
    args: SimulateArgs,
    private readonly state: StateKeeper,
    private readonly say: (line: string) => void,
    private readonly complain: (line: string) => void,
  ) {
    this.where = `${args.host}:${args.port}`;
    this.vcard = new VirtualCard(card, {
      host: args.host,
      port: args.port,
      ...(args.realSpeed ? { realSpeed: args.realSpeed } : {}),
      onApdu: () => state.persist(),
      onPulled: (command) => {
        this.wanted = false;
        this.removedAt = Date.now();
        say(t('sim.pulled', { command: hex(command.subarray(0, 2)) }));
      },
      onHeld: (command) => say(t('sim.held', { command: hex(command.subarray(0, 2)) })),
      onLost: () => {
        if (this.ending) return;
        say(t('sim.lost'));
        this.schedule();
      },
    });
  }

  private schedule(): void {
    clearTimeout(this.retry);
    if (!this.ending && this.wanted) this.retry = setTimeout(() => void this.plugIn(), RETRY_MS);
  }

  async plugIn(): Promise<void> {
    if (this.ending || !this.wanted || this.vcard.inserted) return;
    try {
      await this.vcard.insert();
      this.unreachableSaid = false;
      this.say(t('sim.inserted', { card: this.card.fixture, where: this.where }));
      if (!this.wanted || this.ending) await this.vcard.remove();
    } catch (e) {
      if (!this.unreachableSaid) {
        this.unreachableSaid = true;
        this.complain(t('sim.unreachable', { where: this.where, detail: e instanceof Error ? e.message : String(e) }));
      }
      this.schedule();
    }
  }

  private async pull(): Promise<void> {
    clearTimeout(this.retry);
    if (this.vcard.inserted) {
      await this.vcard.remove();
      this.removedAt = Date.now();
      this.say(t('sim.removed'));
    }
  }

  async setWanted(inserted: boolean): Promise<void> {
    if (this.ending) return;
    this.wanted = inserted;
    if (inserted) {
      if (this.vcard.inserted) this.say(t('sim.alreadyIn'));
      else {
        const wait = this.removedAt + MIN_OUT_MS - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        await this.plugIn();
      }
    } else if (!this.vcard.inserted) {
      clearTimeout(this.retry);
      this.say(t('sim.alreadyOut'));
    } else await this.pull();
  }

  /** The card out for good, its memory saved. */
  async end(): Promise<void> {
    this.ending = true;
    clearTimeout(this.retry);
    await this.vcard.remove();
    this.state.persist();
  }
}

/** Commands on standard input and signals, until quit, SIGTERM or SIGINT. */
function listen(
  io: SimulateIo,
  link: CardLink,
  say: (line: string) => void,
  complain: (line: string) => void,
  resolve: (code: number) => void,
): void {
  const lines = readline.createInterface({ input: io.stdin, terminal: false });
  const end = async () => {
    if (link.ending) return;
    io.signals.off('SIGTERM', finish);
    io.signals.off('SIGINT', finish);
    io.signals.off('SIGUSR1', toggle);
    lines.close();
    await link.end();
    say(t('sim.end'));
    resolve(0);
  };
  const finish = () => void end();
  const toggle = () => void link.setWanted(!link.wanted);
  io.signals.on('SIGTERM', finish);
  io.signals.on('SIGINT', finish);
  io.signals.on('SIGUSR1', toggle);
  lines.on('line', (raw) => {
    const cmd = raw.trim().toLowerCase();
    if (cmd === '') return;
    if (cmd === 'remove' || cmd === 'retirer') void link.setWanted(false);
    else if (cmd === 'insert' || cmd === 'insérer' || cmd === 'inserer') void link.setWanted(true);
    else if (cmd === 'quit' || cmd === 'quitter') finish();
    else if (/^remove-after\s+[1-9]\d*$/.test(cmd)) {
      if (!link.vcard.inserted) say(t('sim.alreadyOut'));
      else {
        const n = Number(cmd.split(/\s+/)[1]);
        link.vcard.removeDuring(n);
        say(t('sim.removeAfter', { n }));
      }
    } else if (/^hold-after\s+[1-9]\d*$/.test(cmd)) {
      const n = Number(cmd.split(/\s+/)[1]);
      link.vcard.holdDuring(n);
      say(t('sim.holdAfter', { n }));
    } else if (cmd === 'release') say(link.vcard.releaseHeld() ? t('sim.released') : t('sim.nothingHeld'));
    else complain(t('sim.unknownCommand', { command: maskDigits(raw.trim()) }));
  });
  void link.plugIn();
}
