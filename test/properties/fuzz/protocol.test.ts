// Fuzzing below and above the parsers: status words (all 65,536, exhaustively), the APDU layer
// fed random answers through the in-process transport, the vpcd frame reassembly, nomenclature
// lookups with hostile strings, the trace mask, and the service's unblock fed random answers to
// its VERIFY and its RESET RETRY COUNTER. Fixed seeds; FUZZ_SEED adds one (test/support/fuzz.ts).

import { describe, expect, it } from 'vitest';
import { hex } from '../../../src/card/bytes.js';
import { ApduError, MalformedResponseError } from '../../../src/card/apdu/errors.js';
import { ApduProtocol } from '../../../src/card/apdu/protocol.js';
import { bytesAvailable, correctLe, describeSw, swHex, triesLeftFromSw } from '../../../src/card/apdu/status-words.js';
import { maskedCommandHex, SECRET_INS } from '../../../src/card/apdu/trace.js';
import { triesFromEmptyVerify } from '../../../src/card/cps/counters.js';
import {
  CodeBlockedError,
  CpsError,
  PukExhaustedError,
  UnexpectedCardResponseError,
  WrongCodeError,
} from '../../../src/card/cps/errors.js';
import * as N from '../../../src/card/cps/nomenclatures.js';
import { createCardService } from '../../../src/card/cps/service.js';
import { codeFailure } from '../../../src/card/cps/errors.js';
import { createFixtureCard } from '../../../src/card/simulator/fixtures.js';
import { TransportError } from '../../../src/card/transport/errors.js';
import { DEFAULT_READER, InProcessTransport } from '../../../src/card/transport/in-process.js';
import { FrameReader, frame } from '../../../src/card/vpcd/frames.js';
import { fuzz, fuzzAsync, mutate, randomBytes, rng, seeds } from '../../support/fuzz.js';
import { readCorpus } from '../../support/fuzz-corpus.js';

const SEED = 0x5a17c0de;

describe('status words, every one of them', () => {
  it('each helper answers within its family, and a refused code is named from the SW alone', () => {
    // Plain checks in the loop (expect() 65,536 × 15 times is too slow), one assertion at the end.
    const wrong: string[] = [];
    const check = (ok: boolean, sw: number, what: string) => {
      if (!ok && wrong.length < 5) wrong.push(`${swHex(sw)} : ${what}`);
    };
    let tried = 0;
    for (let sw = 0; sw <= 0xffff; sw++) {
      tried++;
      check(describeSw(sw).includes(swHex(sw)), sw, 'describeSw');
      const left = triesLeftFromSw(sw);
      check(left === null ? (sw & 0xfff0) !== 0x63c0 : left === (sw & 0x0f), sw, 'triesLeftFromSw');
      const avail = bytesAvailable(sw);
      check(avail === null ? sw >> 8 !== 0x61 : avail >= 1 && avail <= 256, sw, 'bytesAvailable');
      const le = correctLe(sw);
      check(le === null ? sw >> 8 !== 0x6c : le >= 1 && le <= 256, sw, 'correctLe');
      const v = triesFromEmptyVerify(sw);
      check(
        v === 'verified' ? sw === 0x9000 : v === null ? left === null && sw !== 0x6983 && sw !== 0x9000 : v === (sw === 0x6983 ? 0 : left),
        sw,
        'triesFromEmptyVerify',
      );
      for (const code of ['pin', 'puk'] as const) {
        const e = codeFailure(code, sw, 'VERIFY');
        // A wrong code is said only for 63Cx; blocked only for 6983; exhausted only for the PUK's 6984.
        check(e instanceof CpsError, sw, 'type');
        check(e instanceof WrongCodeError === (left !== null), sw, `${code} : code erroné`);
        check(!(e instanceof WrongCodeError) || (e.code === code && e.triesLeft === left), sw, `${code} : essais`);
        check(e instanceof CodeBlockedError === (sw === 0x6983), sw, `${code} : bloqué`);
        check(e instanceof PukExhaustedError === (code === 'puk' && sw === 0x6984), sw, `${code} : épuisé`);
        check(
          e instanceof WrongCodeError ||
            e instanceof CodeBlockedError ||
            e instanceof PukExhaustedError ||
            e instanceof UnexpectedCardResponseError,
          sw,
          `${code} : inattendu`,
        );
      }
    }
    console.log(`fuzz mots d’état : ${tried} cas essayés (exhaustif), ${tried - wrong.length} tenus`);
    expect(wrong).toEqual([]);
  });
});

describe('the APDU layer fed random answers through the transport', () => {
  it('gives data and a SW, or ApduError / MalformedResponseError / TransportError', async () => {
    const transport = new InProcessTransport();
    transport.insert(DEFAULT_READER, createFixtureCard('seed'));
    const c = await transport.connect(DEFAULT_READER, 'shared');
    const protocol = new ApduProtocol(c);
    const r = await fuzzAsync(
      {
        name: 'réponses APDU',
        corpus: readCorpus('response'),
        run: async (answer) => {
          transport.clearFaults();
          transport.injectFault({ at: 1, kind: 'garbage', bytes: answer });
          const res = await protocol.send({ cla: 0, ins: 0xa4, p1: 0, p2: 0x0c, data: Uint8Array.of(0x3f, 0x00) }, 'SELECT 3F00');
          if (!(res.data instanceof Uint8Array) || res.sw !== 0x9000) throw new Error('réponse acceptée sans 90 00');
        },
        isExpectedError: (e) => e instanceof ApduError || e instanceof MalformedResponseError || e instanceof TransportError,
      },
      10_000,
      SEED,
    );
    await c.disconnect('leave');
    expect(r.crashes.slice(0, 3)).toEqual([]);
  });
});

describe('vpcd frame reassembly', () => {
  it('never throws, and cutting the stream anywhere gives the same messages', () => {
    const r = fuzz(
      {
        name: 'trames vpcd',
        corpus: readCorpus('vpcd-stream'),
        run: (stream) => {
          const whole = new FrameReader().push(stream).map((p) => hex(p, ''));
          // Cut where the stream's own bytes say (deterministic for this input).
          const reader = new FrameReader();
          const pieces: string[] = [];
          let at = 0;
          while (at < stream.length) {
            const step = 1 + (stream[at]! % 7);
            pieces.push(...reader.push(stream.subarray(at, at + step)).map((p) => hex(p, '')));
            at += step;
          }
          if (pieces.join('|') !== whole.join('|')) throw new Error('le découpage change les messages');
        },
        isExpectedError: () => false,
      },
      10_000,
      SEED,
    );
    expect(r.crashes.slice(0, 3)).toEqual([]);
  });

  it('gives back exactly the payloads framed, however TCP splits them', () => {
    let tried = 0;
    for (const s of seeds(SEED)) {
      const r = rng(s);
      for (let i = 0; i < 10_000; i++) {
        tried++;
        const payloads = Array.from({ length: 1 + Math.floor(r() * 5) }, () => randomBytes(r, r() < 0.1 ? 600 : 40));
        const stream = Buffer.concat(payloads.map((p) => frame(p)));
        const reader = new FrameReader();
        const got: string[] = [];
        let at = 0;
        while (at < stream.length) {
          const step = 1 + Math.floor(r() * 12);
          got.push(...reader.push(stream.subarray(at, at + step)).map((p) => hex(p, '')));
          at += step;
        }
        expect(got).toEqual(payloads.map((p) => hex(p, '')));
      }
    }
    console.log(`fuzz trames vpcd découpées : ${tried} cas essayés, ${tried} tenus`);
  });
});

describe('nomenclature lookups with hostile strings', () => {
  it('an unknown code stays a bare code; nothing from Object.prototype leaks in', () => {
    const tables = Object.entries(N).filter(([k]) => /^G\d+_/.test(k)) as [string, Readonly<Record<string, string>>][];
    expect(tables.length).toBeGreaterThan(8);
    const known = tables.flatMap(([, t]) => Object.keys(t));
    const corpus = [
      ...known,
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      '',
      '0',
      '00',
      'Médecin',
      'Chirurgien-Dentiste',
    ].map((s) => Uint8Array.from(Buffer.from(s, 'utf8')));
    const r = fuzz(
      {
        name: 'nomenclatures',
        corpus,
        run: (b) => {
          for (const text of [Buffer.from(b).toString('utf8'), Buffer.from(b).toString('latin1')]) {
            for (const [name, table] of tables) {
              const c = N.coded(table, text);
              if (c.code !== text) throw new Error(`${name} : code changé`);
              const own = Object.hasOwn(table, text);
              if (own !== (c.label !== undefined) || (own && c.label !== table[text]))
                throw new Error(`${name} : libellé faux pour ${JSON.stringify(text)}`);
              if (c.label !== undefined && typeof c.label !== 'string') throw new Error(`${name} : libellé non textuel`);
            }
            const p = N.professionCodeFromLabel(text);
            if (p !== undefined && !Object.hasOwn(N.G15_PROFESSION, p)) throw new Error('profession hors table');
          }
        },
        isExpectedError: () => false,
      },
      10_000,
      SEED,
    );
    expect(r.crashes.slice(0, 3)).toEqual([]);
  });
});

describe('the trace mask', () => {
  it('never shows a byte of the data field of VERIFY, CHANGE REFERENCE DATA, RESET RETRY COUNTER', () => {
    const corpus = [
      '0020000208' + '3132333435363738',
      '002C020108' + '32343638FFFFFFFF',
      '0024000110' + '31323334FFFFFFFF32343638FFFFFFFF',
    ].map((h) => Uint8Array.from(Buffer.from(h, 'hex')));
    const r = fuzz(
      {
        name: 'masque de trace',
        corpus,
        run: (b) => {
          const { text, masked } = maskedCommandHex(b);
          const secret = b.length > 5 && SECRET_INS.has(b[1]!);
          if (masked !== secret) throw new Error('masquage décidé à tort');
          if (secret && text !== `${hex(b.subarray(0, 5))} ${Array.from({ length: b.length - 5 }, () => '**').join(' ')}`)
            throw new Error(`fuite : ${text}`);
        },
        isExpectedError: () => false,
      },
      10_000,
      SEED,
    );
    expect(r.crashes.slice(0, 3)).toEqual([]);
  });
});

describe('the unblock fed random answers (service level)', () => {
  it('to its VERIFY PUK and to its RESET RETRY COUNTER: typed errors, success only when the card took the PIN', async () => {
    // Where the VERIFY and the write are in an unblock of the seed card.
    const probe = new InProcessTransport();
    probe.insert(DEFAULT_READER, createFixtureCard('seed'));
    const commands: string[] = [];
    await createCardService(probe, { onTrace: (t) => commands.push(t.command) }).unblockPin(DEFAULT_READER, '12345678', '2468');
    const verifyAt = commands.findIndex((c) => c.startsWith('00 20 00')) + 1;
    const writeAt = commands.findIndex((c) => c.startsWith('00 2C')) + 1;
    expect(verifyAt).toBeGreaterThan(0);
    expect(writeAt).toBe(verifyAt + 1);

    const corpus = ['9000', '63C9', '6983', '6984', '6A80', '6100', '6C08', '9000A5', '63'].map((h) =>
      Uint8Array.from(Buffer.from(h, 'hex')),
    );
    for (const at of [verifyAt, writeAt]) {
      const r = await fuzzAsync(
        {
          name: `réponse à ${at === verifyAt ? 'VERIFY PUK' : 'RESET RETRY COUNTER'}`,
          corpus,
          run: async (answer) => {
            const transport = new InProcessTransport();
            const card = createFixtureCard('seed');
            transport.insert(DEFAULT_READER, card);
            const responses: string[] = [];
            const service = createCardService(transport, { onTrace: (t) => responses.push(t.response ?? '') });
            transport.injectFault({ at, kind: 'garbage', bytes: answer });
            try {
              await service.unblockPin(DEFAULT_READER, '12345678', '2468');
            } catch (e) {
              if (e instanceof WrongCodeError && !responses.some((x) => x.endsWith(`63 C${e.triesLeft.toString(16).toUpperCase()}`))) {
                throw new Error(`code erroné annoncé sans 63Cx (${hex(answer)})`, { cause: e });
              }
              throw e;
            }
            if (card.snapshot()!.pin.code !== '2468') throw new Error(`succès annoncé, PIN non écrit (${hex(answer)})`);
          },
          isExpectedError: (e) => e instanceof CpsError || e instanceof TransportError,
        },
        1_000,
        SEED + at,
      );
      expect(r.crashes.slice(0, 3)).toEqual([]);
    }
  });
});

describe('the fuzzer itself', () => {
  it('reports an undeclared error, with the input for replay', () => {
    const r = fuzz(
      {
        name: 'piège',
        corpus: [Uint8Array.of(1, 2, 3)],
        run: (b) => {
          if (b.length > 2 && b[0] === 1) throw new TypeError('planté');
        },
        isExpectedError: () => false,
      },
      10,
      1,
    );
    expect(r.crashes.length).toBeGreaterThan(0);
    expect(r.crashes[0]).toEqual({ input: '010203', error: 'TypeError: planté' });
    expect(mutate(Uint8Array.of(1, 2, 3), rng(7))).toEqual(mutate(Uint8Array.of(1, 2, 3), rng(7)));
  });
});
