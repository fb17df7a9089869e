// `cps-audit diagnose [--json]`, as `ykman --diagnose` does: everything a support technician asks
// first, and for each problem found, what to do. It runs, and says what is wrong, without pcscd
// or the PC/SC binding: each probe is bounded and none throws.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { arch, platform, release } from 'node:os';
import { hex } from '../../card/bytes.js';
import { identifyCard, modelName, otherCardName } from '../../card/cps/identify.js';
import { errorWords, pcscInstallRemedy, transportErrorWords, transportWords } from '../../view/failure.js';
import type { ReaderState, Transport } from '../../card/transport/transport.js';
import { safeText } from '../../card/safe-text.js';
import { readerFeatureSummary } from '../../report/reader-features.js';
import { wrap } from '../../report/text.js';
import { EXIT } from '../exit-codes.js';
import { language, t } from '../../i18n/index.js';
import { nodeVersion, pcscLiteVersion, probeBinding } from '../system-info.js';
import type { TraceFile } from '../trace-file.js';
import type { CardReport } from '../../card/cps/report.js';
import type { CardService } from '../../card/cps/card-service.js';
import { cardChecks } from './diagnose-card.js';
import {
  checkCryptolib,
  checkCryptolibTraces,
  checkDictionary,
  checkFirefoxManifest,
  checkFirefoxSnap,
  checkGalss,
  checkRemoteSession,
  checkSesamReaders,
  explainAtr,
  workstation,
  type Workstation,
} from './workstation.js';

export type CheckStatus = 'ok' | 'problem' | 'info';

export interface Check {
  readonly id: string;
  readonly label: string;
  readonly status: CheckStatus;
  readonly value: string;
  readonly remedy?: string;
}

export const DIAGNOSE_SCHEMA_VERSION = 2;

/** pcscd's socket, unless PCSCLITE_CSOCK_NAME moves it. */
function pcscdSocket(): string {
  return process.env.PCSCLITE_CSOCK_NAME ?? '/run/pcscd/pcscd.comm';
}

function runningProcess(name: string): boolean {
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === name) return true;
      } catch {
        // gone meanwhile
      }
    }
  } catch {
    // no /proc
  }
  return false;
}

function osName(): string {
  try {
    const m = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync('/etc/os-release', 'utf8'));
    if (m?.[1]) return m[1];
  } catch {
    // not Linux, or no os-release
  }
  return platform();
}

/** pcsc-lite's polkit actions (pcscd 2.x built with polkit, as on Debian 13). */
const POLKIT_POLICY = '/usr/share/polkit-1/actions/org.debian.pcsc-lite.policy';

function pkcheck(action: string): 'yes' | 'no' | 'unknown' {
  try {
    execFileSync('pkcheck', ['--action-id', action, '--process', String(process.pid)], { stdio: 'ignore', timeout: 3_000 });
    return 'yes';
  } catch (e) {
    const code = (e as { status?: number | null }).status;
    // 1: not authorised; 2: dismissed; 3: needs interaction (no agent over SSH). 127 or undefined: no pkcheck.
    if (code === 1 || code === 2 || code === 3) return 'no';
    return 'unknown';
  }
}

function rulesAllowing(): string[] {
  const found: string[] = [];
  for (const dir of ['/etc/polkit-1/rules.d', '/usr/share/polkit-1/rules.d']) {
    try {
      for (const f of readdirSync(dir)) {
        try {
          if (readFileSync(`${dir}/${f}`, 'utf8').includes('org.debian.pcsc-lite')) found.push(`${dir}/${f}`);
        } catch {
          // unreadable rule file (root only): not ours to judge
        }
      }
    } catch {
      // no such folder
    }
  }
  return found;
}

type PcscPicture =
  { readonly up: true; readonly readers: readonly ReaderState[] } | { readonly up: false; readonly kind: string; readonly message: string };

function pcscPicture(transport: Transport, timeoutMs: number): Promise<PcscPicture> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (p: PcscPicture) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(p);
    };
    const timer = setTimeout(() => finish({ up: false, kind: 'timeout', message: t('diag.pcscd.noList') }), timeoutMs);
    transport.watch((e) => {
      if (e.type === 'service' && e.service.status === 'down')
        finish({ up: false, kind: e.service.error.kind, message: transportErrorWords(e.service.error) });
      if (e.type === 'readers') finish({ up: true, readers: e.readers });
    });
  });
}

type Terminal = { readonly isTTY: boolean; readonly columns?: number; readonly rows?: number };

export interface DiagnoseOptions {
  readonly json: boolean;
  readonly version: string;
  readonly trace?: TraceFile;
  readonly out?: NodeJS.WritableStream;
  /** Tests: a fake workstation root (else from CPS_AUDIT_TEST_ROOT, else "/"). */
  readonly workstation?: Workstation;
  /** Tests: the readers through another transport (the simulator's) instead of pcscd; not closed here. */
  readonly transport?: Transport;
  readonly now?: Date;
  /** Tests: another terminal. */
  readonly terminal?: Terminal;
}

// --- One function per check ------------------------------------------------------------------

export function checkSystem(): Check {
  return { id: 'system', label: t('diag.system'), status: 'info', value: `${osName()} (${platform()} ${release()} ${arch()})` };
}

export function checkNode(): Check {
  const [major] = nodeVersion().split('.').map(Number);
  const ok = (major ?? 0) >= 20;
  return {
    id: 'node',
    label: 'Node.js',
    status: ok ? 'ok' : 'problem',
    value: nodeVersion(),
    ...(ok ? {} : { remedy: t('diag.node.remedy') }),
  };
}

export function checkTool(version: string): Check {
  return { id: 'tool', label: 'cps-audit', status: 'info', value: `${version} (${process.argv[1] ?? '?'})` };
}

export function checkBinding(binding: ReturnType<typeof probeBinding>): Check {
  return {
    id: 'binding',
    label: t('diag.binding'),
    status: binding.loaded ? 'ok' : 'problem',
    value: binding.loaded ? t('diag.binding.loaded') : t('diag.binding.notLoaded', { detail: binding.detail }),
    ...(binding.loaded ? {} : { remedy: pcscInstallRemedy() }),
  };
}

export function checkPcscLite(): Check {
  const pcsc = pcscLiteVersion();
  return {
    id: 'pcsc-lite',
    label: 'pcsc-lite',
    status: pcsc.version ? 'ok' : 'problem',
    value: pcsc.version ? `${pcsc.version} (${pcsc.from})` : t('diag.pcscLite.missing'),
    ...(pcsc.version ? {} : { remedy: 'sudo apt-get install pcscd libpcsclite1' }),
  };
}

function daemonWords(): { process: string; socket: string } {
  return {
    process: runningProcess('pcscd') ? t('diag.process.there') : t('diag.process.none'),
    socket: existsSync(pcscdSocket()) ? t('diag.socket.there') : t('diag.socket.none'),
  };
}

export function checkPcscd(p: PcscPicture | undefined): Check {
  const socket = pcscdSocket();
  if (p === undefined) {
    const up = runningProcess('pcscd') && existsSync(socket);
    const w = daemonWords();
    return {
      id: 'pcscd',
      label: t('diag.pcscd'),
      status: up ? 'info' : 'problem',
      value: t('diag.pcscd.notAsked', { process: w.process, socket, there: w.socket }),
      ...(up ? {} : { remedy: 'sudo apt-get install pcscd && sudo systemctl start pcscd' }),
    };
  }
  if (p.up) return { id: 'pcscd', label: t('diag.pcscd'), status: 'ok', value: t('diag.pcscd.answers', { socket }) };
  const refused = p.kind === 'access-refused';
  return {
    id: 'pcscd',
    label: t('diag.pcscd'),
    status: 'problem',
    value: refused ? t('diag.pcscd.refuses') : t('diag.pcscd.silent', daemonWords()),
    remedy: refused ? t('diag.pcscd.refuses.remedy') : t('diag.pcscd.silent.remedy'),
  };
}

/** No reader at all, two empty readers: said as such. */
export function checkReaderCount(readers: readonly ReaderState[]): Check | undefined {
  if (readers.length === 0)
    return {
      id: 'readers',
      label: t('diag.readers'),
      status: 'problem',
      value: t('diag.readers.none'),
      remedy: t('diag.readers.none.remedy'),
    };
  // No card is not a fault of the workstation: said, with what to do, not counted as a problem.
  if (readers.every((r) => !r.atr && r.mute !== true))
    return {
      id: 'readers',
      label: t('diag.readers'),
      status: 'info',
      value: t('diag.i22.readers.allEmpty', { n: readers.length }),
      remedy: t('diag.i22.readers.allEmpty.remedy'),
    };
  return undefined;
}

/** One reader: empty, mute, which card (named even when it is not a CPS), the ATR as pcsc-tools knows it. */
export function checkReader(ws: Workstation, r: ReaderState): Check {
  const label = t('diag.reader', { name: safeText(r.name) });
  if (r.mute === true)
    return { id: 'reader', label, status: 'problem', value: t('diag.i22.reader.mute'), remedy: t('diag.i22.reader.mute.remedy') };
  if (!r.atr) return { id: 'reader', label, status: 'info', value: t('diag.reader.empty') };
  const id = identifyCard(r.atr);
  const other = otherCardName(r.atr);
  const known = explainAtr(ws, r.atr);
  const atr = `ATR ${hex(r.atr)}${known ? ` (${known})` : ''}`;
  if (r.inUse)
    return {
      id: 'reader',
      label,
      status: 'problem',
      value: `${atr} : ${modelName(id.model)}${t('diag.card.inUse')}`,
      remedy: transportWords('card-in-use').remedy,
    };
  if (id.supported) return { id: 'reader', label, status: 'ok', value: `${atr} : ${modelName(id.model)}` };
  if (other) return { id: 'reader', label, status: 'info', value: `${atr} : ${other}` };
  return {
    id: 'reader',
    label,
    status: 'problem',
    value: `${atr} : ${t('diag.card.unsupported', { model: modelName(id.model) })}`,
    remedy: t('diag.card.unsupported.remedy'),
  };
}

export function checkPolkit(reached: boolean | undefined): Check {
  const ssh = process.env.SSH_CONNECTION !== undefined || process.env.SSH_TTY !== undefined;
  const session = ssh ? t('diag.session.ssh') : t('diag.session.local');
  if (!existsSync(POLKIT_POLICY))
    return { id: 'polkit', label: 'polkit (pcsc-lite)', status: 'info', value: t('diag.polkit.none', { session }) };
  const rules = rulesAllowing();
  const allowed = pkcheck('org.debian.pcsc-lite.access_pcsc');
  const refused = allowed === 'no' || reached === false;
  return {
    id: 'polkit',
    label: 'polkit (pcsc-lite)',
    status: refused ? 'problem' : 'ok',
    value:
      t('diag.polkit.actions', {
        session,
        access: allowed === 'yes' ? t('diag.polkit.allowed') : allowed === 'no' ? t('diag.polkit.refused') : t('diag.polkit.unchecked'),
      }) + (rules.length > 0 ? t('diag.polkit.rules', { rules: rules.join(', ') }) : t('diag.polkit.noRules')),
    ...(refused ? { remedy: t('diag.polkit.remedy') } : {}),
  };
}

export function checkTerminal(term: Terminal): Check {
  const small = term.isTTY && ((term.columns ?? 80) < 80 || (term.rows ?? 24) < 24);
  const env = (k: string) => process.env[k] ?? t('diag.unset');
  return {
    id: 'terminal',
    label: t('diag.terminal'),
    status: small ? 'problem' : 'info',
    value: [
      term.isTTY ? `${term.columns ?? '?'}×${term.rows ?? '?'}` : t('diag.terminal.redirected'),
      `TERM=${env('TERM')}`,
      `LANG=${env('LANG')}`,
      ...(process.env.LC_ALL ? [`LC_ALL=${process.env.LC_ALL}`] : []),
      `NO_COLOR=${env('NO_COLOR')}`,
    ].join(t('diag.sep')),
    ...(small ? { remedy: t('diag.terminal.remedy') } : {}),
  };
}

/** The cards in the readers, read without a code; a blocked PIN, a PUK near its end, an expired card are problems. */
async function cardLines(transport: Transport, readers: readonly ReaderState[], o: DiagnoseOptions): Promise<Check[]> {
  const { createCardService } = await import('../../card/cps/service.js');
  const cards = createCardService(
    transport,
    o.trace ? { onTrace: (e) => o.trace?.apdu(e), onSent: (seq, command, masked) => o.trace?.sent(seq, command, masked) } : {},
  );
  const out: Check[] = [];
  for (const r of readers) {
    if (r.atr && !r.inUse && identifyCard(r.atr).supported) out.push(...(await cardInReader(cards, r.name, o.now ?? new Date())));
  }
  return out;
}

/** One reader's card: its checks and what the reader said of itself, or why it could not be read. */
async function cardInReader(cards: CardService, reader: string, now: Date): Promise<Check[]> {
  try {
    return cardFindings(await cards.read(reader), now);
  } catch (e) {
    return [
      {
        id: 'card',
        label: t('diag.reader', { name: safeText(reader) }),
        status: 'problem',
        value: t('diag.card.readFailed', { detail: safeText(errorWords(e)) }).replace(/^ — /, ''),
        remedy: t('diag.card.readFailed.remedy'),
      },
    ];
  }
}

/** A card read: its checks, then what its reader said of itself (issue 20, part 10: keypad, PIN sizes, ids). */
function cardFindings(report: CardReport, now: Date): Check[] {
  const label = t('diag.reader', { name: safeText(report.reader) });
  const features: Check[] =
    report.readerFeatures === undefined
      ? []
      : [{ id: 'reader-features', label, status: 'info', value: readerFeatureSummary(report.readerFeatures) }];
  return [...cardChecks(report, now), ...features];
}

/** What the checks are made of: the readers and the cards' checks, and diagnose's own PC/SC when it asked pcscd. */
interface Findings {
  readonly version: string;
  readonly ws: Workstation;
  readonly binding: ReturnType<typeof probeBinding>;
  /** Undefined when pcscd gave no list. */
  readonly readers: readonly ReaderState[] | undefined;
  readonly cards: readonly Check[];
  /** A CPS4 in a reader: the Cryptolib it needs is checked. */
  readonly cps4: boolean;
  /** `diagnose` asked pcscd itself: its answer, polkit and the terminal are checked too (not from the screen). */
  readonly own?: { readonly picture: PcscPicture | undefined; readonly terminal: Terminal };
}

/** pcscd reached (true), refused by polkit (false), or not known. */
function reachedOf(picture: PcscPicture | undefined): boolean | undefined {
  if (picture === undefined) return undefined;
  return picture.up ? true : picture.kind === 'access-refused' ? false : undefined;
}

/** Every check, in the order printed: this computer, PC/SC, the readers and cards, the software around the card. */
function checksOf(f: Findings): Check[] {
  const { ws, own } = f;
  const cryptolib = checkCryptolib(ws, f.cps4);
  const installed = cryptolib.status !== 'info';
  const checks: (Check | undefined)[] = [
    checkSystem(),
    checkNode(),
    checkTool(f.version),
    checkBinding(f.binding),
    checkPcscLite(),
    ...(own ? [checkPcscd(own.picture)] : []),
    checkRemoteSession(ws),
    ...(f.readers ? [checkReaderCount(f.readers), ...f.readers.map((r) => checkReader(ws, r))] : []),
    ...checkSesamReaders(ws, f.readers),
    ...f.cards,
    ...(own ? [checkPolkit(reachedOf(own.picture))] : []),
    cryptolib,
    checkCryptolibTraces(ws),
    checkDictionary(ws),
    checkGalss(ws),
    checkFirefoxManifest(ws, installed),
    checkFirefoxSnap(ws, installed),
    ...(own ? [checkTerminal(own.terminal)] : []),
  ];
  return checks.filter((c): c is Check => c !== undefined);
}

/** The workstation's checks with the readers and the card the interactive tool already has (key b): no PC/SC of its own. */
export function checksFromScreen(o: {
  readonly version: string;
  readonly readers: readonly ReaderState[];
  readonly report: CardReport;
  readonly now: Date;
  readonly workstation?: Workstation;
}): Check[] {
  return checksOf({
    version: o.version,
    ws: o.workstation ?? workstation(),
    binding: probeBinding(),
    readers: o.readers,
    cards: cardFindings(o.report, o.now),
    cps4: o.report.identity.model === 'CPS4',
  });
}

/** pcscd's answer and the cards' checks, through the binding (or the transport a test gives); none without the binding. */
async function askPcsc(o: DiagnoseOptions, binding: ReturnType<typeof probeBinding>): Promise<{ picture?: PcscPicture; cards: Check[] }> {
  if (!binding.loaded && !o.transport) return { cards: [] };
  const { tracedTransport } = await import('../trace-file.js');
  const raw = o.transport ?? (await import('../../card/transport/pcsc-process.js')).createPcscProcessTransport();
  const transport = o.trace ? tracedTransport(raw, o.trace) : raw;
  try {
    const picture = await pcscPicture(transport, 5_000);
    return { picture, cards: picture.up ? await cardLines(transport, picture.readers, o) : [] };
  } finally {
    if (!o.transport) await raw.close();
  }
}

export async function collectChecks(o: DiagnoseOptions): Promise<Check[]> {
  const ws = o.workstation ?? workstation();
  const binding = probeBinding();
  const { picture, cards } = await askPcsc(o, binding);
  const readers = picture?.up ? picture.readers : undefined;
  return checksOf({
    version: o.version,
    ws,
    binding,
    readers,
    cards,
    cps4: readers?.some((r) => r.atr !== undefined && identifyCard(r.atr).model === 'CPS4') ?? false,
    own: {
      picture,
      terminal: o.terminal ?? { isTTY: process.stdout.isTTY === true, columns: process.stdout.columns, rows: process.stdout.rows },
    },
  });
}

export function diagnoseText(checks: readonly Check[], version: string): string {
  const lines = [
    t('diag.head', {
      version,
      stamp: new Date()
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ' UTC'),
    }),
    '',
  ];
  for (const c of checks) {
    const mark = c.status === 'ok' ? '✔' : c.status === 'problem' ? '✖' : '·';
    lines.push(...wrap(`${mark} ${t('diag.line', { label: c.label, value: c.value })}`, 76).map((l, i) => (i === 0 ? l : `    ${l}`)));
    if (c.remedy) lines.push(...wrap(t('report.remedy', { remedy: c.remedy }), 76).map((l) => `    ${l}`));
  }
  const problems = checks.filter((c) => c.status === 'problem').length;
  lines.push(
    '',
    problems === 0
      ? t('diag.noProblem')
      : problems > 1
        ? t('diag.problems.many', { n: problems, code: EXIT.problemsFound })
        : t('diag.problems.one', { n: problems, code: EXIT.problemsFound }),
  );
  return lines.join('\n') + '\n';
}

export async function runDiagnose(o: DiagnoseOptions): Promise<number> {
  const checks = await collectChecks(o);
  const problems = checks.filter((c) => c.status === 'problem').length;
  const code = problems === 0 ? EXIT.ok : EXIT.problemsFound;
  const out = o.out ?? process.stdout;
  if (o.json) {
    out.write(
      JSON.stringify(
        {
          schemaVersion: DIAGNOSE_SCHEMA_VERSION,
          lang: language(),
          tool: { name: 'cps-audit', version: o.version, node: nodeVersion() },
          generatedAt: new Date().toISOString(),
          checks,
          problems,
          exitCode: code,
        },
        null,
        2,
      ) + '\n',
    );
  } else out.write(diagnoseText(checks, o.version));
  return code;
}
