// Finds a PIN or PUK in any text, in every form a careless log could give it: the digits as
// typed, the ASCII bytes in hex (upper or lower case, with or without separators), BCD (two
// digits a byte, as hex with separators), the bytes as decimal numbers (a Uint8Array printed by
// util.inspect or JSON.stringify), and base64 of the ASCII.

const SEPARATORS = ['', ' ', ':', '-', ', ', ','];

function pairs(text: string): string[] {
  return text.match(/.{1,2}/g) ?? [];
}

/** Every literal form of `code` that must never appear. */
export function forms(code: string): { name: string; text: string }[] {
  const asciiHex = Array.from(code, (c) => c.charCodeAt(0).toString(16).padStart(2, '0'));
  const out: { name: string; text: string }[] = [{ name: 'ASCII', text: code }];
  for (const sep of SEPARATORS) {
    out.push({ name: `hex ASCII (« ${sep} »)`, text: asciiHex.join(sep) });
    out.push({ name: `HEX ASCII (« ${sep} »)`, text: asciiHex.join(sep).toUpperCase() });
    if (sep !== '') out.push({ name: `BCD (« ${sep} »)`, text: pairs(code).join(sep) });
  }
  // BCD with a pad nibble, for an odd length.
  if (code.length % 2 === 1) out.push({ name: 'BCD complété F', text: `${code}F` }, { name: 'BCD complété f', text: `${code}f` });
  out.push({ name: 'base64', text: Buffer.from(code, 'ascii').toString('base64').replace(/=+$/, '') });
  out.push({ name: 'digits spaced', text: code.split('').join(' ') });
  return out;
}

/** The name of the first form of `code` found in `text`, or null. */
export function findCode(text: string, code: string): string | null {
  const hit = forms(code).find((f) => text.includes(f.text));
  if (hit) return hit.name;
  // Decimal bytes with any separator ("50, 52, 54, 56", {"0":50,"1":52,...}), ASCII or BCD.
  const flat = text.replace(/"\d+":/g, ' ');
  const decimal = (bytes: number[]) => new RegExp(`(^|\\D)${bytes.join('\\D{1,6}')}(\\D|$)`);
  if (decimal(Array.from(code, (c) => c.charCodeAt(0))).test(flat)) return 'octets ASCII en décimal';
  if (code.length % 2 === 0 && decimal(pairs(code).map((p) => parseInt(p, 16))).test(flat)) return 'octets BCD en décimal';
  return null;
}

/** Every (code, form) found in `text`, for a failure message that says where. */
export function leaks(where: string, text: string, codes: readonly string[]): string[] {
  return codes.flatMap((code) => {
    const f = findCode(text, code);
    return f ? [`${where} : ${f} de ${code.length === 8 ? 'PUK' : 'PIN'} ${code}`] : [];
  });
}
