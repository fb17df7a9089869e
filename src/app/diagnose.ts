// `cps-audit diagnose [--json]`, as `ykman --diagnose` does: everything a support technician asks
// first, and for each problem found, what to do. It runs, and says what is wrong, without pcscd
// or the PC/SC binding: each probe is bounded and none throws.

import { readerFeatureSummary } from '../report/reader-features.js';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { arch, platform, release } from 'node:os';
import { hex } from '../card/bytes.js';
import { identifyCard, modelName } from '../card/cps/identify.js';
import { pcscInstallRemedy } from '../card/transport/pcsc-errors.js';
import type { ReaderState, Transport } from '../card/transport/transport.js';
import { cleanText } from '../report/clean.js';
import { wrap } from '../report/text.js';
import { EXIT } from './exit-codes.js';
import { language, t } from '../i18n/index.js';
import { nodeVersion, pcscLiteVersion, probeBinding } from './system-info.js';
import type { TraceFile } from './trace-file.js';

export type CheckStatus = 'ok' | 'problem' | 'info';

export interface Check {
  readonly id: string;
  readonly label: string;
  readonly status: CheckStatus;
  readonly value: string;
  readonly remedy?: string;
}

export const DIAGNOSE_SCHEMA_VERSION = 1;

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

/** The ANS Cryptolib CPS: its PKCS#11 modules and folders, where its installers put them. */
export const CRYPTOLIB_PATHS: readonly string[] = [
  '/usr/lib/libcps3_pkcs11_lux.so',
  '/usr/lib64/libcps3_pkcs11_lux.so',
  '/usr/lib/x86_64-linux-gnu/libcps3_pkcs11_lux.so',
  '/usr/local/lib/libcps3_pkcs11_lux.so',
  '/usr/local/galss/libcps3_pkcs11_lux.so',
  '/opt/santesocial/CPS/lib/libcps3_pkcs11_lux.so',
  '/usr/local/cryptolibCPS',
  '/etc/opt/santesocial/CPS',
];

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

function picture(transport: Transport, timeoutMs: number): Promise<PcscPicture> {
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
        finish({ up: false, kind: e.service.error.kind, message: e.service.error.message });
      if (e.type === 'readers') finish({ up: true, readers: e.readers });
    });
  });
}

export interface DiagnoseOptions {
  readonly json: boolean;
  readonly version: string;
  readonly trace?: TraceFile;
  readonly out?: NodeJS.WritableStream;
  /** Tests: another terminal. */
  readonly terminal?: { readonly isTTY: boolean; readonly columns?: number; readonly rows?: number };
}

export async function collectChecks(o: DiagnoseOptions): Promise<Check[]> {
  const checks: Check[] = [];
  const add = (c: Check) => checks.push(c);
  add({ id: 'system', label: t('diag.system'), status: 'info', value: `${osName()} (${platform()} ${release()} ${arch()})` });
  const [major] = nodeVersion().split('.').map(Number);
  add({
    id: 'node',
    label: 'Node.js',
    status: (major ?? 0) >= 20 ? 'ok' : 'problem',
    value: nodeVersion(),
    ...((major ?? 0) >= 20 ? {} : { remedy: t('diag.node.remedy') }),
  });
  add({ id: 'tool', label: 'cps-audit', status: 'info', value: `${o.version} (${process.argv[1] ?? '?'})` });

  const binding = probeBinding();
  add({
    id: 'binding',
    label: t('diag.binding'),
    status: binding.loaded ? 'ok' : 'problem',
    value: binding.loaded ? t('diag.binding.loaded') : t('diag.binding.notLoaded', { detail: binding.detail }),
    ...(binding.loaded ? {} : { remedy: pcscInstallRemedy() }),
  });

  const pcsc = pcscLiteVersion();
  const socket = pcscdSocket();
  const running = runningProcess('pcscd');
  const socketThere = existsSync(socket);
  add({
    id: 'pcsc-lite',
    label: 'pcsc-lite',
    status: pcsc.version ? 'ok' : 'problem',
    value: pcsc.version ? `${pcsc.version} (${pcsc.from})` : t('diag.pcscLite.missing'),
    ...(pcsc.version ? {} : { remedy: 'sudo apt-get install pcscd libpcsclite1' }),
  });

  let readers: readonly ReaderState[] = [];
  let reached: boolean | undefined;
  let pcscdCheck: Check;
  if (binding.loaded) {
    const { createPcscTransport } = await import('../card/transport/pcsc.js');
    const { tracedTransport } = await import('./trace-file.js');
    const raw = createPcscTransport();
    const transport = o.trace ? tracedTransport(raw, o.trace) : raw;
    const p = await picture(transport, 5_000);
    if (p.up) {
      reached = true;
      readers = p.readers;
      pcscdCheck = { id: 'pcscd', label: t('diag.pcscd'), status: 'ok', value: t('diag.pcscd.answers', { socket }) };
    } else {
      reached = p.kind === 'access-refused' ? false : undefined;
      pcscdCheck = {
        id: 'pcscd',
        label: t('diag.pcscd'),
        status: 'problem',
        value:
          p.kind === 'access-refused'
            ? t('diag.pcscd.refuses')
            : t('diag.pcscd.silent', {
                process: running ? t('diag.process.there') : t('diag.process.none'),
                socket: socketThere ? t('diag.socket.there') : t('diag.socket.none'),
              }),
        remedy: p.kind === 'access-refused' ? t('diag.pcscd.refuses.remedy') : t('diag.pcscd.silent.remedy'),
      };
    }
    if (p.up) {
      // Card identification without a code: the ATR, then a full read (shared, no code).
      const { createCardService } = await import('../card/cps/service.js');
      const cards = createCardService(transport, o.trace ? { onTrace: (e) => o.trace?.apdu(e) } : {});
      for (const r of readers) {
        if (!r.atr) {
          add({ id: 'reader', label: t('diag.reader', { name: cleanText(r.name) }), status: 'info', value: t('diag.reader.empty') });
          continue;
        }
        const id = identifyCard(r.atr);
        let card = id.supported ? modelName(id.model) : t('diag.card.unsupported', { model: modelName(id.model) });
        let status: CheckStatus = id.supported ? 'ok' : 'problem';
        let remedy: string | undefined = id.supported ? undefined : t('diag.card.unsupported.remedy');
        if (id.supported && !r.inUse) {
          try {
            const rep = await cards.read(r.name);
            card += rep.serial.ok ? t('diag.card.serial', { serial: cleanText(rep.serial.value) }) : '';
            card += rep.pin.triesLeft === 0 ? t('diag.card.pinBlocked') : '';
            if (rep.readerFeatures) card += t('diag.card.readerFeatures', { features: readerFeatureSummary(rep.readerFeatures) });
          } catch (e) {
            status = 'problem';
            card += t('diag.card.readFailed', { detail: e instanceof Error ? cleanText(e.message) : String(e) });
            remedy = t('diag.card.readFailed.remedy');
          }
        }
        if (r.inUse) {
          status = 'problem';
          card += t('diag.card.inUse');
          remedy = t('diag.card.inUse.remedy');
        }
        add({
          id: 'reader',
          label: t('diag.reader', { name: cleanText(r.name) }),
          status,
          value: `ATR ${hex(r.atr)} : ${card}`,
          ...(remedy ? { remedy } : {}),
        });
      }
    }
    await raw.close();
  } else {
    pcscdCheck = {
      id: 'pcscd',
      label: t('diag.pcscd'),
      status: running && socketThere ? 'info' : 'problem',
      value: t('diag.pcscd.notAsked', {
        process: running ? t('diag.process.there') : t('diag.process.none'),
        socket,
        there: socketThere ? t('diag.socket.there') : t('diag.socket.none'),
      }),
      ...(running && socketThere ? {} : { remedy: 'sudo apt-get install pcscd && sudo systemctl start pcscd' }),
    };
  }
  // The service and readers come before the card lines: put pcscd where it reads best.
  checks.splice(5, 0, pcscdCheck);
  if (binding.loaded && reached === true && readers.length === 0) {
    add({
      id: 'readers',
      label: t('diag.readers'),
      status: 'problem',
      value: t('diag.readers.none'),
      remedy: t('diag.readers.none.remedy'),
    });
  }

  const ssh = process.env.SSH_CONNECTION !== undefined || process.env.SSH_TTY !== undefined;
  const policy = existsSync(POLKIT_POLICY);
  const rules = rulesAllowing();
  if (!policy) {
    add({
      id: 'polkit',
      label: 'polkit (pcsc-lite)',
      status: 'info',
      value: t('diag.polkit.none', { session: ssh ? t('diag.session.ssh') : t('diag.session.local') }),
    });
  } else {
    const allowed = pkcheck('org.debian.pcsc-lite.access_pcsc');
    const refused = allowed === 'no' || reached === false;
    add({
      id: 'polkit',
      label: 'polkit (pcsc-lite)',
      status: refused ? 'problem' : 'ok',
      value:
        t('diag.polkit.actions', {
          session: ssh ? t('diag.session.ssh') : t('diag.session.local'),
          access: allowed === 'yes' ? t('diag.polkit.allowed') : allowed === 'no' ? t('diag.polkit.refused') : t('diag.polkit.unchecked'),
        }) + (rules.length > 0 ? t('diag.polkit.rules', { rules: rules.join(', ') }) : t('diag.polkit.noRules')),
      ...(refused
        ? {
            remedy: t('diag.polkit.remedy'),
          }
        : {}),
    });
  }
  const found = CRYPTOLIB_PATHS.filter((p) => existsSync(p));
  add({
    id: 'cryptolib',
    label: 'Cryptolib CPS (ANS)',
    status: 'info',
    value: found.length > 0 ? t('diag.cryptolib.found', { paths: found.join(', ') }) : t('diag.cryptolib.none'),
  });

  const term = o.terminal ?? { isTTY: process.stdout.isTTY === true, columns: process.stdout.columns, rows: process.stdout.rows };
  const small = term.isTTY && ((term.columns ?? 80) < 80 || (term.rows ?? 24) < 24);
  const env = (k: string) => process.env[k] ?? t('diag.unset');
  add({
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
  });
  return checks;
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
