// The RFC 3161 pieces that need no TSA: the request we send (read back with PKI.js), a TSA's refusal or
// a malformed answer read as a typed error, and tokens that are not tokens refused with a reason. Real
// tokens need a signing TSA: those tests are in test/evidence/tsa.test.ts (openssl ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import { AttributeTypeAndValue, ContentInfo, PKIStatus, PKIStatusInfo, RelativeDistinguishedNames, TimeStampReq, TimeStampResp } from 'pkijs';
import { formatName, readTimestampResponse, timestampRequest, TimestampResponseError, trustedRootsProblem, verifyTimestampToken } from '../../../src/core/evidence/tsa-token.ts';

const digest = createHash('sha256').update('tree head').digest();

function readRequest(der: Buffer): TimeStampReq {
  return TimeStampReq.fromBER(der);
}

test('a time-stamp request is v1, SHA-256 with the digest itself as imprint, our nonce, and asks for the certificate', () => {
  const request = readRequest(timestampRequest(digest, 0x1234_5678_9abc_def0n));
  assert.equal(request.version, 1);
  assert.equal(request.messageImprint.hashAlgorithm.algorithmId, '2.16.840.1.101.3.4.2.1');
  assert.deepEqual(Buffer.from(request.messageImprint.hashedMessage.valueBlock.valueHexView), digest);
  assert.equal(request.nonce?.toBigInt(), 0x1234_5678_9abc_def0n);
  assert.equal(request.certReq, true);
  assert.equal(request.reqPolicy, undefined);
});

test('a nonce given as bytes is their unsigned value, even with the high bit set', () => {
  const bytes = Buffer.from('ff00000000000001', 'hex');
  const request = readRequest(timestampRequest(digest, bytes));
  assert.equal(request.nonce?.toBigInt(), 0xff00_0000_0000_0001n);
  // The same number as a bigint gives the same request, byte for byte.
  assert.deepEqual(timestampRequest(digest, bytes), timestampRequest(digest, 0xff00_0000_0000_0001n));
});

test('only a 32-byte digest and a non-negative nonce are accepted', () => {
  assert.throws(() => timestampRequest(digest.subarray(0, 20), 1n), RangeError);
  assert.throws(() => timestampRequest(digest, -1n), RangeError);
  assert.throws(() => timestampRequest(digest, Buffer.alloc(0)), RangeError);
});

function response(status: PKIStatus, texts: string[], failBits: number[] = []): Buffer {
  let failInfo: asn1js.BitString | undefined;
  if (failBits.length > 0) {
    const bytes = new Uint8Array(4);
    for (const bit of failBits) bytes[bit >> 3]! |= 0x80 >> (bit & 7);
    failInfo = new asn1js.BitString({ valueHex: bytes });
  }
  const info = new PKIStatusInfo({ status, statusStrings: texts.map((value) => new asn1js.Utf8String({ value })), ...(failInfo ? { failInfo } : {}) });
  return Buffer.from(new TimeStampResp({ status: info }).toSchema().toBER());
}

function problemOf(fn: () => unknown): TimestampResponseError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof TimestampResponseError, String(err));
    return err;
  }
  assert.fail('the answer should have been refused');
}

test("a TSA's refusal keeps its status text and failure names, in both languages", () => {
  const err = problemOf(() => readTimestampResponse(response(PKIStatus.rejection, ['Requested policy is not supported.'], [15]), digest, 1n));
  assert.equal(err.problem, 'refused');
  assert.match(err.message, /refused the request \(status 2: Requested policy is not supported\.; unacceptedPolicy\)/);
  assert.match(err.ja, /拒否しました（status 2: Requested policy is not supported\.; unacceptedPolicy）/);
  const waiting = problemOf(() => readTimestampResponse(response(PKIStatus.waiting, []), digest, 1n));
  assert.match(waiting.message, /status 3: no reason given/);
});

test('granted without a token, bytes that are no TimeStampResp, or bytes after one are malformed answers', () => {
  assert.equal(problemOf(() => readTimestampResponse(response(PKIStatus.granted, []), digest, 1n)).problem, 'malformed');
  assert.equal(problemOf(() => readTimestampResponse(Buffer.from('<html>502 Bad Gateway</html>'), digest, 1n)).problem, 'malformed');
  const trailing = Buffer.concat([response(PKIStatus.rejection, ['x']), Buffer.from([0])]);
  assert.equal(problemOf(() => readTimestampResponse(trailing, digest, 1n)).problem, 'malformed');
  // A token that is a ContentInfo but not SignedData.
  const notSigned = new TimeStampResp({
    status: new PKIStatusInfo({ status: PKIStatus.granted }),
    timeStampToken: new ContentInfo({ contentType: '1.2.840.113549.1.7.1', content: new asn1js.OctetString({ valueHex: new Uint8Array([1, 2, 3]) }) }),
  });
  const err = problemOf(() => readTimestampResponse(Buffer.from(notSigned.toSchema().toBER()), digest, 1n));
  assert.equal(err.problem, 'malformed');
  assert.match(err.message, /not CMS SignedData/);
});

test('a token that is not one is refused with a reason, never thrown', async () => {
  for (const bytes of [Buffer.alloc(0), Buffer.from('not a token'), timestampRequest(digest, 1n)]) {
    const check = await verifyTimestampToken(bytes, digest);
    assert.equal(check.ok, false);
    assert.ok(!check.ok && /cannot be read/.test(check.reason) && /読めません/.test(check.reasonJa));
  }
  await assert.rejects(verifyTimestampToken(Buffer.from('x'), Buffer.alloc(31)), RangeError);
});

test('a distinguished name reads most specific first, unknown attributes by OID', () => {
  const name = new RelativeDistinguishedNames({
    typesAndValues: [
      new AttributeTypeAndValue({ type: '2.5.4.6', value: new asn1js.PrintableString({ value: 'JP' }) }),
      new AttributeTypeAndValue({ type: '2.5.4.10', value: new asn1js.Utf8String({ value: '時刻認証株式会社' }) }),
      new AttributeTypeAndValue({ type: '1.2.3.4', value: new asn1js.Utf8String({ value: 'x' }) }),
      new AttributeTypeAndValue({ type: '2.5.4.3', value: new asn1js.Utf8String({ value: 'TSA 1' }) }),
    ],
  });
  assert.equal(formatName(name), 'CN=TSA 1, 1.2.3.4=x, O=時刻認証株式会社, C=JP');
});

test('trusted roots that hold no certificate, or a broken one, are named before any stamp is needed', () => {
  assert.match(trustedRootsProblem('')!.en, /no PEM certificate/);
  assert.match(trustedRootsProblem('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n')!.ja, /含まれていません/);
  assert.match(trustedRootsProblem('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n')!.en, /cannot be read/);
});
