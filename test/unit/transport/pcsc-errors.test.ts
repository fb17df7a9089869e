import { describe, expect, it } from 'vitest';
import { TransportError } from '../../../src/card/transport/errors.js';
import { setLanguage } from '../../../src/i18n/index.js';
import { transportErrorWords } from '../../../src/view/failure.js';
import { SCARD, bindingMissingError, fromPcscCode, pcscCode, toTransportError } from '../../../src/card/transport/pcsc-errors.js';

// Messages as node pcsclite 1.0.1 builds them: "<call> error: <pcsc_stringify_error>(0x%.8lx)".
const binding = (call: string, text: string, code: number) => new Error(`${call} error: ${text}(0x${code.toString(16).padStart(8, '0')})`);

describe('PC/SC error table', () => {
  it.each([
    ['E_NO_SERVICE', 'service-unavailable'],
    ['E_SERVICE_STOPPED', 'service-unavailable'],
    ['F_COMM_ERROR', 'service-unavailable'],
    ['E_NO_READERS_AVAILABLE', 'no-reader'],
    ['E_UNKNOWN_READER', 'no-reader'],
    ['W_REMOVED_CARD', 'card-removed'],
    ['E_NO_SMARTCARD', 'card-removed'],
    ['E_READER_UNAVAILABLE', 'reader-removed'],
    ['E_SHARING_VIOLATION', 'card-in-use'],
    ['W_RESET_CARD', 'card-in-use'],
    ['E_TIMEOUT', 'timeout'],
    ['W_UNRESPONSIVE_CARD', 'card-unresponsive'],
    ['E_NOT_TRANSACTED', 'card-removed'],
    ['E_NO_ACCESS', 'access-refused'],
    ['W_SECURITY_VIOLATION', 'access-refused'],
  ] as const)('%s → %s', (name, kind) => {
    const code = SCARD[name];
    const e = toTransportError(binding('SCardConnect', 'whatever.', code));
    expect(e).toBeInstanceOf(TransportError);
    expect(e.kind).toBe(kind);
    expect(e.code).toBe(code);
    expect(e.message).not.toMatch(/SCard|0x8010/); // the table's own message, not the binding's
    expect(transportErrorWords(e)).not.toMatch(/SCard|0x8010/); // the holder's words come from the kind
  });

  it('reads the code from the binding messages as written by its C++ code', () => {
    expect(pcscCode(binding('SCardTransmit', 'Card was removed.', SCARD.W_REMOVED_CARD))).toBe(0x80100069);
    expect(pcscCode(new Error('SCardEstablishContext error: Service not available.(0x8010001d)'))).toBe(0x8010001d);
    expect(pcscCode(new Error('no code here'))).toBeUndefined();
  });

  it('gives remedies: how to start pcscd, what to install, what polkit needs', () => {
    setLanguage('fr');
    expect(transportErrorWords(fromPcscCode(SCARD.E_NO_SERVICE))).toContain('systemctl start pcscd');
    expect(transportErrorWords(fromPcscCode(SCARD.E_NO_ACCESS))).toContain('polkit');
    expect(transportErrorWords(bindingMissingError('x'))).toContain('apt-get install pcscd libpcsclite1');
  });

  it('carries facts, not words: English developer messages, the same in any language', () => {
    setLanguage('fr');
    const fr = [fromPcscCode(SCARD.E_NO_SERVICE), fromPcscCode(SCARD.E_SHARING_VIOLATION), bindingMissingError('x')];
    setLanguage('en');
    const en = [fromPcscCode(SCARD.E_NO_SERVICE), fromPcscCode(SCARD.E_SHARING_VIOLATION), bindingMissingError('x')];
    setLanguage('fr');
    expect(fr.map((e) => e.message)).toEqual(en.map((e) => e.message));
    expect(bindingMissingError('dlopen failed').fact).toEqual({ reason: 'binding-missing', detail: 'dlopen failed' });
  });

  it('maps an unknown code to unknown, keeping the code for support', () => {
    const e = fromPcscCode(0x80100099);
    expect(e.kind).toBe('unknown');
    expect(e.code).toBe(0x80100099);
    expect(e.message).toContain('0x80100099');
  });

  it('maps the binding\'s "not connected" to a removed card and passes TransportErrors through', () => {
    expect(toTransportError(new Error('Card Reader not connected')).kind).toBe('card-removed');
    const t = new TransportError('timeout', 'x');
    expect(toTransportError(t)).toBe(t);
  });
});
