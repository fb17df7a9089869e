// Generates, once, the simulated test hierarchy (root → intermediate → holders), the holders' RSA
// keys and their X.509 certificates, and writes them as TypeScript modules of base64 DER, so that
// the bundle needs no file at run time:
// - src/card/simulator/fixture-certificates.ts: the certificates (and the test root);
// - src/card/simulator/fixture-keys.ts: the holders' private keys (PKCS#8), with which the
//   simulated cards sign. They are TEST DATA, not secrets (src/card/simulator/FIXTURE-KEYS.md).
// Also two broken sets for the card test's failures: certificates of the cps3-rpps keys issued by
// an intermediate that expired, and by an authority nobody trusts.
// Run: npx tsx scripts/make-fixture-certificates.ts (then npx prettier --write the two modules).

import 'reflect-metadata'; // @peculiar/x509 (tsyringe) needs the Reflect metadata API loaded first
import { webcrypto } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import * as x509 from '@peculiar/x509';
import { CERTIFIED_HOLDERS, RPPS_HOLDER, type HolderData } from '../src/card/simulator/fixture-holders.js';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const RSA = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
} as const;

const OID = { CN: '2.5.4.3', SN: '2.5.4.4', GN: '2.5.4.42', OU: '2.5.4.11', O: '2.5.4.10', C: '2.5.4.6' };

// Clearly a test authority: nobody may mistake it for the real IGC-Santé.
const caName = (cn: string, o = 'CPS-AUDIT TEST', ou = 'IGC-SANTE TEST'): x509.JsonName => [
  { [OID.C]: ['FR'] },
  { [OID.O]: [o] },
  { [OID.OU]: [ou] },
  { [OID.CN]: [cn] },
];

function date(yyyymmdd: string, endOfDay: boolean): Date {
  const iso = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  return new Date(`${iso}T${endOfDay ? '23:59:59' : '00:00:00'}Z`);
}

/** Spec §5, test cards: CN=<type><id>+SN=<surname>+GN=<given>, OU=<profession>, O=TEST, C=FR. */
function subjectOf(h: HolderData): x509.JsonName {
  return [
    { [OID.C]: ['FR'] },
    { [OID.O]: ['TEST'] },
    { [OID.OU]: [h.professionLabel] },
    { [OID.CN]: [h.idType + h.identifier], [OID.SN]: [h.surname], [OID.GN]: [h.givenName] },
  ];
}

function serialHex(): string {
  const b = webcrypto.getRandomValues(new Uint8Array(8));
  b[0] = (b[0]! & 0x7f) | 0x10; // positive, no leading zero
  return Buffer.from(b).toString('hex');
}

const b64 = (buf: ArrayBuffer): string => Buffer.from(buf).toString('base64');

interface Authority {
  readonly cert: x509.X509Certificate;
  readonly keys: CryptoKeyPair;
}

async function authority(name: x509.JsonName, notAfter: Date, issuer?: Authority): Promise<Authority> {
  const keys = await webcrypto.subtle.generateKey(RSA, true, ['sign', 'verify']);
  const extensions = [
    new x509.BasicConstraintsExtension(true, issuer ? 0 : 1, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
  ];
  const common = { serialNumber: serialHex(), notBefore: new Date('2010-01-01T00:00:00Z'), notAfter, signingAlgorithm: RSA, extensions };
  const cert = issuer
    ? await x509.X509CertificateGenerator.create({
        ...common,
        subject: name,
        issuer: issuer.cert.subject,
        publicKey: keys.publicKey,
        signingKey: issuer.keys.privateKey,
        extensions: [...extensions, new x509.AuthorityKeyIdentifierExtension((await skiOf(issuer.keys.publicKey)).keyId)],
      })
    : await x509.X509CertificateGenerator.createSelfSigned({ ...common, name, keys });
  return { cert, keys };
}

const skiOf = (key: CryptoKey) => x509.SubjectKeyIdentifierExtension.create(key);

type Use = 'signature' | 'authentication';

async function holderCertificate(holder: HolderData, use: Use, publicKey: CryptoKey, ca: Authority): Promise<x509.X509Certificate> {
  const usage =
    use === 'signature' ? x509.KeyUsageFlags.nonRepudiation : x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment;
  return x509.X509CertificateGenerator.create({
    serialNumber: serialHex(),
    subject: subjectOf(holder),
    issuer: ca.cert.subject,
    notBefore: date(holder.validFrom, false),
    notAfter: date(holder.validTo, true),
    signingAlgorithm: RSA,
    publicKey,
    signingKey: ca.keys.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(usage, true),
      await skiOf(publicKey),
      new x509.AuthorityKeyIdentifierExtension((await skiOf(ca.keys.publicKey)).keyId),
    ],
  });
}

async function main(): Promise<void> {
  const root = await authority(caName('TEST AC RACINE IGC-SANTE (SIMULATEUR)'), new Date('2040-12-31T23:59:59Z'));
  const ca = await authority(caName('TEST AC IGC-SANTE PERSONNES (SIMULATEUR)'), new Date('2038-12-31T23:59:59Z'), root);
  const expired = await authority(caName('TEST AC IGC-SANTE PERSONNES EXPIREE (SIMULATEUR)'), new Date('2020-12-31T23:59:59Z'), root);
  // No "TEST" in its names: an issuer that is neither the IGC-Santé nor its test hierarchy.
  const stranger = await authority(
    caName('AC INCONNUE (SIMULATEUR)', 'AUTORITE INCONNUE', 'HORS IGC-SANTE'),
    new Date('2040-12-31T23:59:59Z'),
  );

  const certs: string[] = [];
  const keys: string[] = [];
  const entry = async (name: string, holder: HolderData, pairs: Record<Use, CryptoKeyPair>, issuer: Authority, withKeys: boolean) => {
    certs.push(`  '${name}': {`);
    if (withKeys) keys.push(`  '${name}': {`);
    for (const use of ['signature', 'authentication'] as const) {
      const cert = await holderCertificate(holder, use, pairs[use].publicKey, issuer);
      const ski = await skiOf(pairs[use].publicKey);
      console.log(`${name} ${use}: ${cert.subject} ← ${cert.issuer}`);
      certs.push(`    ${use}: { der: '${b64(cert.rawData)}', keyId: '${ski.keyId.toUpperCase()}' },`);
      if (withKeys) keys.push(`    ${use}: '${b64(await webcrypto.subtle.exportKey('pkcs8', pairs[use].privateKey))}',`);
    }
    certs.push('  },');
    if (withKeys) keys.push('  },');
  };

  const pairsOf: Record<string, Record<Use, CryptoKeyPair>> = {};
  for (const [name, holder] of Object.entries(CERTIFIED_HOLDERS)) {
    pairsOf[name] = {
      signature: await webcrypto.subtle.generateKey(RSA, true, ['sign', 'verify']),
      authentication: await webcrypto.subtle.generateKey(RSA, true, ['sign', 'verify']),
    };
    await entry(name, holder, pairsOf[name], ca, true);
  }
  const broken: string[] = [];
  const saved = certs.length;
  await entry('expired-ca', RPPS_HOLDER, pairsOf['cps3-rpps']!, expired, false);
  await entry('unknown-issuer', RPPS_HOLDER, pairsOf['cps3-rpps']!, stranger, false);
  broken.push(...certs.splice(saved));

  const header = [
    '// GENERATED by scripts/make-fixture-certificates.ts: do not edit. Test certificates only, issued',
    '// by a simulated TEST hierarchy (root → intermediate → holders); their keys are fixture-keys.ts.',
    '',
  ];
  const out = [
    ...header,
    'export interface FixtureCertificate {',
    '  /** DER, base64. */',
    '  readonly der: string;',
    '  /** Subject key identifier (hex): the PKCS#15 iD tying the certificate to its key. */',
    '  readonly keyId: string;',
    '}',
    '',
    '/** The simulated test root (self-signed). Trusted by tests only, never by the tool by default. */',
    `export const TEST_ROOT_CERTIFICATE = '${b64(root.cert.rawData)}';`,
    '',
    "/** The simulated intermediate that issues the holders' certificates (signed by the root). */",
    `export const TEST_CA_CERTIFICATE = '${b64(ca.cert.rawData)}';`,
    '',
    '/** A simulated intermediate, signed by the root, that expired on 31/12/2020. */',
    `export const TEST_EXPIRED_CA_CERTIFICATE = '${b64(expired.cert.rawData)}';`,
    '',
    'export const FIXTURE_CERTIFICATES = {',
    ...certs,
    '} as const satisfies Record<string, Record<"signature" | "authentication", FixtureCertificate>>;',
    '',
    "/** The cps3-rpps holder's keys, certified by the expired intermediate and by an unknown authority. */",
    'export const BROKEN_CERTIFICATES = {',
    ...broken,
    '} as const satisfies Record<string, Record<"signature" | "authentication", FixtureCertificate>>;',
    '',
  ];
  writeFileSync(new URL('../src/card/simulator/fixture-certificates.ts', import.meta.url), out.join('\n'));
  const keyOut = [
    '// GENERATED by scripts/make-fixture-certificates.ts: do not edit. TEST DATA, NOT SECRETS: the',
    "// private keys (PKCS#8 DER, base64) of the simulated cards' certificates, so that a simulated",
    '// card signs (see FIXTURE-KEYS.md). No real card, person or authority uses them.',
    '',
    'export const FIXTURE_KEYS = {',
    ...keys,
    '} as const satisfies Record<string, Record<"signature" | "authentication", string>>;',
    '',
  ];
  writeFileSync(new URL('../src/card/simulator/fixture-keys.ts', import.meta.url), keyOut.join('\n'));
}

await main();
