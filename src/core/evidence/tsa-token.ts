// RFC 3161 time-stamp tokens, pure: the request we send a Time-Stamp Authority, reading its answer, and
// checking a token offline (no network, no files: `todoku evidence verify bundle.zip` and the database
// check use this). What a TSA stamps is a tree head's digest (SHA-256 of the head text), so the token's
// messageImprint is SHA-256 with exactly that digest as its value: `openssl ts -verify -digest <hex>`
// checks the same token. All ASN.1 goes through PKI.js and asn1js with node's WebCrypto.
import * as asn1js from 'asn1js';
import {
  AlgorithmIdentifier,
  Certificate,
  ContentInfo,
  CryptoEngine,
  MessageImprint,
  PKIStatus,
  SignedData,
  TimeStampReq,
  TimeStampResp,
  TSTInfo,
  type Attribute,
  type RelativeDistinguishedNames,
} from 'pkijs';
import type { Bilingual } from '../errors.ts';

const OID = {
  sha256: '2.16.840.1.101.3.4.2.1',
  signedData: '1.2.840.113549.1.7.2',
  data: '1.2.840.113549.1.7.1',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentTypeAttr: '1.2.840.113549.1.9.3',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  extKeyUsage: '2.5.29.37',
  timeStamping: '1.3.6.1.5.5.7.3.8',
} as const;

export type TokenCheck =
  | { ok: true; genTime: number; tsaName: string; serial: string; policy: string; chained: boolean }
  | { ok: false; reason: string; reasonJa: string };

/** Why a TSA's answer cannot be used: unreadable, refused by the TSA, or not an answer to our request. */
export type TimestampProblem = 'malformed' | 'refused' | 'imprint' | 'nonce';

export class TimestampResponseError extends Error {
  readonly problem: TimestampProblem;
  readonly ja: string;
  constructor(problem: TimestampProblem, message: Bilingual) {
    super(message.en);
    this.name = 'TimestampResponseError';
    this.problem = problem;
    this.ja = message.ja;
  }
}

const engine = new CryptoEngine({ name: 'node-webcrypto', crypto: globalThis.crypto });

function toBigNonce(nonce: bigint | Buffer): bigint {
  const value = typeof nonce === 'bigint' ? nonce : nonce.length === 0 ? -1n : BigInt(`0x${nonce.toString('hex')}`);
  if (value < 0n) throw new RangeError('a time-stamp nonce is a non-negative integer (or non-empty bytes)');
  return value;
}

function assertDigest(digest: Buffer): void {
  if (digest.length !== 32) throw new RangeError(`a time-stamped digest is 32 bytes of SHA-256, not ${digest.length}`);
}

/** DER TimeStampReq v1: SHA-256 imprint with `digest` as its value, the nonce, certReq true. */
export function timestampRequest(digest: Buffer, nonce: bigint | Buffer): Buffer {
  assertDigest(digest);
  const request = new TimeStampReq({
    version: 1,
    messageImprint: new MessageImprint({
      hashAlgorithm: new AlgorithmIdentifier({ algorithmId: OID.sha256, algorithmParams: new asn1js.Null() }),
      hashedMessage: new asn1js.OctetString({ valueHex: digest }),
    }),
    nonce: asn1js.Integer.fromBigInt(toBigNonce(nonce)),
    certReq: true,
  });
  return Buffer.from(request.toSchema().toBER());
}

/** Parses DER exactly: one value, no bytes left over. */
function parseExact(der: Buffer): asn1js.AsnType {
  const parsed = asn1js.fromBER(der);
  if (parsed.offset === -1 || parsed.offset !== der.length) throw new Error(parsed.result.error || 'trailing bytes after the ASN.1 value');
  return parsed.result;
}

// PKIFailureInfo bit names (RFC 3161 §2.4.2).
const FAILURES: Record<number, string> = { 0: 'badAlg', 2: 'badRequest', 5: 'badDataFormat', 14: 'timeNotAvailable', 15: 'unacceptedPolicy', 16: 'unacceptedExtension', 17: 'addInfoNotAvailable', 25: 'systemFailure' };

function failureNames(bits: asn1js.BitString | undefined): string[] {
  if (!bits) return [];
  const bytes = bits.valueBlock.valueHexView;
  return Object.entries(FAILURES)
    .filter(([bit]) => ((bytes[Number(bit) >> 3] ?? 0) & (0x80 >> (Number(bit) & 7))) !== 0)
    .map(([, name]) => name);
}

function equalBytes(a: ArrayBuffer | Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(Buffer.from(a instanceof Uint8Array ? a : new Uint8Array(a)), Buffer.from(b)) === 0;
}

function readTstInfo(content: ContentInfo): { signed: SignedData; tst: TSTInfo } {
  if (content.contentType !== OID.signedData) throw new Error('not CMS SignedData');
  const signed = new SignedData({ schema: content.content });
  const eContent = signed.encapContentInfo.eContent;
  if (signed.encapContentInfo.eContentType !== OID.tstInfo || !eContent) throw new Error('the signed content is not a TSTInfo');
  return { signed, tst: TSTInfo.fromBER(eContent.getValue()) };
}

function imprintMatches(tst: TSTInfo, digest: Buffer): boolean {
  return tst.messageImprint.hashAlgorithm.algorithmId === OID.sha256 && equalBytes(tst.messageImprint.hashedMessage.valueBlock.valueHexView, digest);
}

/**
 * Reads a TSA's DER TimeStampResp to our request: granted, for this digest, with this nonce. Returns the
 * TimeStampToken (its ContentInfo DER, byte for byte as the TSA sent it); throws TimestampResponseError.
 * The token's signature is checked separately (verifyTimestampToken).
 */
export function readTimestampResponse(der: Buffer, digest: Buffer, nonce: bigint | Buffer): { token: Buffer } {
  assertDigest(digest);
  let response: TimeStampResp;
  let tokenBytes: Buffer | null = null;
  try {
    const outer = parseExact(der);
    response = new TimeStampResp({ schema: outer });
    const second = (outer as asn1js.Sequence).valueBlock.value[1];
    if (second) tokenBytes = Buffer.from(second.valueBeforeDecodeView);
  } catch (err) {
    throw new TimestampResponseError('malformed', {
      ja: `時刻認証局の応答を読めません（RFC 3161 の TimeStampResp ではありません: ${(err as Error).message}）`,
      en: `the TSA's answer cannot be read (not an RFC 3161 TimeStampResp: ${(err as Error).message})`,
    });
  }
  const status = response.status.status;
  if (status !== PKIStatus.granted && status !== PKIStatus.grantedWithMods) {
    const text = [...(response.status.statusStrings ?? []).map((s) => s.valueBlock.value), ...failureNames(response.status.failInfo)].join('; ') || 'no reason given';
    throw new TimestampResponseError('refused', {
      ja: `時刻認証局が要求を拒否しました（status ${status}: ${text}）`,
      en: `the TSA refused the request (status ${status}: ${text})`,
    });
  }
  let tst: TSTInfo;
  try {
    if (!response.timeStampToken || !tokenBytes) throw new Error('granted without a token');
    tst = readTstInfo(response.timeStampToken).tst;
  } catch (err) {
    throw new TimestampResponseError('malformed', {
      ja: `時刻認証局の応答にタイムスタンプトークンがありません（${(err as Error).message}）`,
      en: `the TSA's answer holds no usable time-stamp token (${(err as Error).message})`,
    });
  }
  if (!imprintMatches(tst, digest)) {
    throw new TimestampResponseError('imprint', {
      ja: '時刻認証局のトークンが別のハッシュ値に押されています（要求したダイジェストと一致しません）',
      en: 'the TSA stamped another digest than the one requested',
    });
  }
  if (!tst.nonce || tst.nonce.toBigInt() !== toBigNonce(nonce)) {
    throw new TimestampResponseError('nonce', {
      ja: '時刻認証局の応答のナンスが要求と一致しません（古い応答の再送か、別の要求への応答です）',
      en: "the TSA's answer carries another nonce than the request (a replayed or misdirected answer)",
    });
  }
  return { token: tokenBytes };
}

// Short names for the attributes a TSA's subject usually has (RFC 4514), the rest by OID.
const RDN_NAMES: Record<string, string> = { '2.5.4.3': 'CN', '2.5.4.5': 'serialNumber', '2.5.4.6': 'C', '2.5.4.7': 'L', '2.5.4.8': 'ST', '2.5.4.10': 'O', '2.5.4.11': 'OU', '1.2.840.113549.1.9.1': 'emailAddress' };

/** A distinguished name as RFC 4514 writes it: most specific first ("CN=…, O=…, C=JP"). */
export function formatName(name: RelativeDistinguishedNames): string {
  return name.typesAndValues
    .map((tv) => `${RDN_NAMES[tv.type] ?? tv.type}=${String((tv.value.valueBlock as { value?: unknown }).value ?? '')}`)
    .reverse()
    .join(', ');
}

function pemCertificates(pems: string[]): Certificate[] {
  return pems.flatMap((pem) =>
    [...pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/g)].map((m) => Certificate.fromBER(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64'))),
  );
}

/**
 * What is wrong with a PEM text meant as trusted TSA roots (TODOKU_TSA_CA_FILE), or null when it holds
 * at least one readable certificate: for a start-up message rather than every stamp failing later.
 */
export function trustedRootsProblem(pem: string): Bilingual | null {
  try {
    if (pemCertificates([pem]).length > 0) return null;
    return { ja: 'PEM 形式の証明書（-----BEGIN CERTIFICATE-----）が含まれていません', en: 'it holds no PEM certificate (-----BEGIN CERTIFICATE-----)' };
  } catch (err) {
    return { ja: `証明書を読めません（${(err as Error).message}）`, en: `a certificate in it cannot be read (${(err as Error).message})` };
  }
}

function signedAttribute(signed: SignedData, type: string): Attribute | undefined {
  return signed.signerInfos[0]?.signedAttrs?.attributes.find((a) => a.type === type);
}

const isTag = (block: asn1js.AsnType | undefined, tagNumber: number): boolean => block !== undefined && block.idBlock.tagClass === 1 && block.idBlock.tagNumber === tagNumber;
const SEQUENCE = 16;
const OCTET_STRING = 4;

/**
 * The ESS signing-certificate attribute (RFC 5816 v2, or RFC 2634 v1) binds the signature to one
 * certificate: its hash must be the hash of the certificate that verified the signature.
 */
async function essBindsCertificate(signed: SignedData, cert: Certificate): Promise<boolean> {
  const v2 = signedAttribute(signed, OID.signingCertificateV2);
  const attribute = v2 ?? signedAttribute(signed, OID.signingCertificate);
  const value = attribute?.values[0] as asn1js.Sequence | undefined;
  const certs = value?.valueBlock.value[0] as asn1js.Sequence | undefined;
  const first = certs?.valueBlock.value[0] as asn1js.Sequence | undefined;
  if (!isTag(value, SEQUENCE) || !isTag(certs, SEQUENCE) || !isTag(first, SEQUENCE)) return false;
  const parts = first!.valueBlock.value;
  let hashName = v2 ? 'SHA-256' : 'SHA-1';
  let at = 0;
  if (v2 && isTag(parts[0], SEQUENCE)) {
    const algorithm = engine.getAlgorithmByOID(new AlgorithmIdentifier({ schema: parts[0] }).algorithmId) as { name?: string };
    if (!algorithm.name) return false;
    hashName = algorithm.name;
    at = 1;
  }
  const certHash = parts[at];
  if (!isTag(certHash, OCTET_STRING)) return false;
  const actual = await engine.digest(hashName, cert.toSchema().toBER());
  return equalBytes(actual, (certHash as asn1js.OctetString).valueBlock.valueHexView);
}

function hasTimeStampingUsage(cert: Certificate): boolean {
  const eku = cert.extensions?.find((e) => e.extnID === OID.extKeyUsage);
  const purposes = (eku?.parsedValue as { keyPurposes?: string[] } | undefined)?.keyPurposes ?? [];
  // RFC 3161 §2.3: the TSA's certificate has exactly this one purpose, marked critical.
  return eku?.critical === true && purposes.length === 1 && purposes[0] === OID.timeStamping;
}

/** A serial number as hex bytes, as openssl prints it (without its 0x). */
const evenHex = (n: bigint): string => {
  const hex = n.toString(16);
  return hex.length % 2 === 0 ? hex : `0${hex}`;
};

const fail = (en: string, ja: string): TokenCheck => ({ ok: false, reason: en, reasonJa: ja });

/**
 * Checks a TimeStampToken (ContentInfo DER) for `digest`: its CMS signature verifies with the certificate
 * it carries, that certificate is the one the signature names (ESS) and is for time stamping only, valid
 * at the stamped time, and the TSTInfo's imprint is exactly `digest`. With trusted roots the certificate
 * must also chain to one of them (chained: true). Never throws for a bad token: it says why.
 */
export async function verifyTimestampToken(token: Buffer, digest: Buffer, options: { trustedCertsPem?: string[] } = {}): Promise<TokenCheck> {
  assertDigest(digest);
  let signed: SignedData;
  let tst: TSTInfo;
  try {
    ({ signed, tst } = readTstInfo(new ContentInfo({ schema: parseExact(token) })));
  } catch (err) {
    return fail(`the token cannot be read as an RFC 3161 time-stamp token (${(err as Error).message})`, `タイムスタンプトークンとして読めません（${(err as Error).message}）`);
  }
  if (!imprintMatches(tst, digest)) return fail('the token stamps another digest than this one', 'トークンは別のハッシュ値に対するものです');
  if (signed.signerInfos.length !== 1) return fail(`a time-stamp token has exactly one signer, this one has ${signed.signerInfos.length}`, `署名者が1つではありません（${signed.signerInfos.length}）`);
  const contentType = signedAttribute(signed, OID.contentTypeAttr)?.values[0] as asn1js.ObjectIdentifier | undefined;
  if (contentType?.valueBlock.toString() !== OID.tstInfo) return fail('the signed attributes do not name the content as a TSTInfo', '署名属性の content-type が TSTInfo ではありません');

  let trusted: Certificate[] = [];
  try {
    trusted = pemCertificates(options.trustedCertsPem ?? []);
  } catch (err) {
    return fail(`a trusted root certificate cannot be read (${(err as Error).message})`, `信頼するルート証明書を読めません（${(err as Error).message}）`);
  }
  if (options.trustedCertsPem && trusted.length === 0) return fail('no certificate in the trusted roots given', '信頼するルート証明書が1つもありません');

  // PKI.js checks a TSTInfo's imprint by hashing the stamped data itself; we hold only the digest (checked
  // above), so a second parse of the token is verified as a signature over plain data. The signed bytes
  // (the signed attributes with the content's hash) are the same either way.
  const check = readTstInfo(new ContentInfo({ schema: parseExact(token) })).signed;
  check.encapContentInfo.eContentType = OID.data;
  let cert: Certificate | null | undefined;
  try {
    const result = await check.verify({ signer: 0, checkChain: trusted.length > 0, trustedCerts: trusted, checkDate: tst.genTime, extendedMode: true }, engine);
    if (!result.signatureVerified) return fail("the token's signature does not verify: the token was changed after the TSA signed it", 'トークンの署名が一致しません（時刻認証局の署名後に変更されています）');
    cert = result.signerCertificate;
  } catch (err) {
    const message = (err as Error).message;
    if (trusted.length > 0 && (err as { code?: number }).code === 5) {
      return fail(`the TSA's certificate does not chain to a trusted root (${message})`, `時刻認証局の証明書が信頼するルートにつながりません（${message}）`);
    }
    if (/message digest doesn't match/i.test(message)) {
      return fail('the stamped content (time, digest, serial) was changed after the TSA signed it', 'タイムスタンプの内容（時刻・ハッシュ値・シリアル番号）が時刻認証局の署名後に変更されています');
    }
    return fail(`the token's signature cannot be verified (${message})`, `トークンの署名を検証できません（${message}）`);
  }
  if (!cert) return fail("the token does not carry its signer's certificate", 'トークンに署名者の証明書が含まれていません');
  if (!hasTimeStampingUsage(cert)) return fail('the signing certificate is not a time-stamping certificate (extendedKeyUsage critical timeStamping only)', '署名証明書がタイムスタンプ用ではありません（extendedKeyUsage timeStamping）');
  if (!(await essBindsCertificate(signed, cert))) return fail('the signed attributes do not bind the signing certificate (ESS signing-certificate)', '署名属性が署名証明書を特定していません（ESS signing-certificate）');
  const genTime = tst.genTime.getTime();
  if (genTime < cert.notBefore.value.getTime() || genTime > cert.notAfter.value.getTime()) {
    return fail('the stamped time lies outside the TSA certificate’s validity', '押された時刻が時刻認証局の証明書の有効期間外です');
  }
  const subject = formatName(cert.subject);
  if (tst.tsa && tst.tsa.type === 4 && !(tst.tsa.value as RelativeDistinguishedNames).isEqual(cert.subject)) {
    return fail('the TSA named in the token is not the certificate that signed it', 'トークン内の時刻認証局名が署名証明書と一致しません');
  }
  return { ok: true, genTime, tsaName: subject, serial: evenHex(tst.serialNumber.toBigInt()), policy: tst.policy, chained: trusted.length > 0 };
}
