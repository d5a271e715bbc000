// RFC 3161 time stamps against a real TSA: Debian's `openssl ts` started by the test (support/openssl-tsa.ts).
// A token our client fetched is checked by our code and by `openssl ts -verify`; a token changed by one
// bit, or held against another digest, or signed by a certificate that is not a TSA's, fails; a TSA that
// is down, answers 500, hangs, refuses or replays gives TODOKU_E_TSA_UNAVAILABLE within the timeout.
// No database is involved: the ledger's use of this is tested with the ledger.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type * as asn1js from 'asn1js';
import { ContentInfo, SignedData, TSTInfo } from 'pkijs';
import { startOpensslTsa, type OpensslTsa } from '../support/openssl-tsa.ts';
import { freePort } from '../support/server-process.ts';
import { createTimestamper } from '../../src/evidence/tsa-client.ts';
import { trustedRootsProblem, verifyTimestampToken } from '../../src/core/evidence/tsa-token.ts';
import { TodokuError } from '../../src/core/errors.ts';

const run = promisify(execFile);
const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest();

/** `openssl ts -verify` of a token (or, with reply: true, a whole TimeStampResp) for a digest: true on exit 0. */
async function opensslVerifies(tsa: OpensslTsa, file: string, digest: Buffer, opts: { reply?: boolean; caFile?: string } = {}): Promise<boolean> {
  const args = ['ts', '-verify', '-digest', digest.toString('hex'), '-in', file, ...(opts.reply ? [] : ['-token_in']), '-CAfile', opts.caFile ?? tsa.caFile, '-untrusted', tsa.tsaCertFile];
  try {
    await run('openssl', args);
    return true;
  } catch {
    return false;
  }
}

function writeToken(tsa: OpensslTsa, name: string, token: Buffer): string {
  const file = join(tsa.dir, name);
  writeFileSync(file, token);
  return file;
}

/** The parts of a token a forger would touch, found by parsing it (not by fixed offsets). */
function tokenParts(token: Buffer): { tstInfo: Buffer; signature: Buffer; genTime: string; certificate: Buffer } {
  const signed = new SignedData({ schema: ContentInfo.fromBER(token).content });
  const tstInfo = Buffer.from(signed.encapContentInfo.eContent!.getValue());
  const tst = TSTInfo.fromBER(tstInfo);
  // GeneralizedTime as openssl writes it with clock_precision_digits 0: YYYYMMDDhhmmssZ.
  const genTime = `${tst.genTime.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
  const signature = Buffer.from(signed.signerInfos[0]!.signature.valueBlock.valueHexView);
  const certificate = Buffer.from((signed.certificates![0] as { toSchema(): asn1js.Sequence }).toSchema().toBER());
  return { tstInfo, signature, genTime, certificate };
}

function flipBit(token: Buffer, at: number): Buffer {
  assert.ok(at >= 0 && at < token.length, `position ${at} lies in the token`);
  const copy = Buffer.from(token);
  copy[at] = copy[at]! ^ 0x01;
  return copy;
}

async function stampError(promise: Promise<unknown>): Promise<TodokuError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof TodokuError, `a TodokuError, got ${String(err)}`);
    assert.equal(err.code, 'TODOKU_E_TSA_UNAVAILABLE');
    return err;
  }
  assert.fail('stamping should have failed');
}

describe('RFC 3161 time stamps from a local openssl TSA', () => {
  let tsa: OpensslTsa;
  let otherCa: OpensslTsa;
  before(async () => {
    tsa = await startOpensslTsa();
    otherCa = await startOpensslTsa({ subject: '/O=Someone Else/CN=Another TSA' });
  });
  after(async () => {
    await tsa?.stop();
    await otherCa?.stop();
  });

  test('a head digest stamped through the client verifies with our code and with openssl ts -verify, at about now', async () => {
    const digest = sha256('tree head 1');
    const stamper = createTimestamper({ url: tsa.url, timeoutMs: 10_000 });
    const before = Date.now();
    const stamp = await stamper.stamp(digest);
    assert.equal(stamper.url, tsa.url);
    // openssl's genTime has whole seconds; its clock is ours.
    assert.ok(Math.abs(stamp.genTime - before) < 5_000, `genTime ${new Date(stamp.genTime).toISOString()} is near now`);
    assert.equal(stamp.tsaName, 'CN=Todoku Test TSA, O=Todoku Test');

    const check = await verifyTimestampToken(stamp.token, digest);
    assert.deepEqual(check, { ok: true, genTime: stamp.genTime, tsaName: stamp.tsaName, serial: check.ok ? check.serial : '', policy: tsa.policy, chained: false });
    assert.match(check.ok ? check.serial : '', /^[0-9a-f]+$/);

    assert.equal(await opensslVerifies(tsa, writeToken(tsa, 'stamp.tst', stamp.token), digest), true, 'openssl accepts the token');
    const reply = tsa.replies().at(-1)!;
    assert.equal(await opensslVerifies(tsa, reply, digest, { reply: true }), true, 'openssl accepts the whole reply');
    // The token is the reply's own bytes, not a re-encoding.
    assert.ok(readFileSync(reply).includes(stamp.token));
  });

  test('every request carries a fresh nonce, and each answer is checked against its own', async () => {
    const stamper = createTimestamper({ url: tsa.url, timeoutMs: 10_000 });
    const from = tsa.requests();
    await stamper.stamp(sha256('a'));
    await stamper.stamp(sha256('a'));
    assert.equal(tsa.requests(), from + 2);
    const queries = await Promise.all(tsa.queries().slice(-2).map(async (file) => (await run('openssl', ['ts', '-query', '-in', file, '-text'])).stdout));
    const nonces = queries.map((text) => text.match(/Nonce: (\S+)/)?.[1]);
    assert.ok(nonces[0] && nonces[1], 'both queries carry a nonce');
    assert.notEqual(nonces[0], nonces[1]);
    const text = queries[0]!;
    assert.match(text, /Hash Algorithm: sha256/);
    assert.match(text, /Certificate required: yes/);
  });

  test('a token held against another digest fails ours and openssl', async () => {
    const digest = sha256('tree head 2');
    const { token } = await createTimestamper({ url: tsa.url, timeoutMs: 10_000 }).stamp(digest);
    const other = sha256('tree head 2, changed');
    const check = await verifyTimestampToken(token, other);
    assert.equal(check.ok, false);
    assert.match(check.ok ? '' : check.reason, /another digest/);
    assert.equal(await opensslVerifies(tsa, writeToken(tsa, 'other.tst', token), other), false, 'openssl refuses it too');
  });

  test('one flipped bit anywhere that matters fails: signature, genTime, imprint, signed content, certificate', async () => {
    const digest = sha256('tree head 3');
    const { token } = await createTimestamper({ url: tsa.url, timeoutMs: 10_000 }).stamp(digest);
    const parts = tokenParts(token);
    const tstAt = token.indexOf(parts.tstInfo);
    const certAt = token.indexOf(parts.certificate);
    const signatureAt = token.indexOf(parts.signature);
    const genTimeAt = token.indexOf(Buffer.from(parts.genTime), tstAt);
    const changedAfterSigning = /changed after the TSA signed it/;
    const positions: Record<string, [number, RegExp]> = {
      'signature (first byte)': [signatureAt, changedAfterSigning],
      'signature (middle)': [signatureAt + (parts.signature.length >> 1), changedAfterSigning],
      'signature (last byte)': [signatureAt + parts.signature.length - 1, changedAfterSigning],
      "TSTInfo's genTime (seconds)": [genTimeAt + 13, changedAfterSigning],
      "TSTInfo's genTime (year)": [genTimeAt + 3, changedAfterSigning],
      'imprint (first byte)': [token.indexOf(digest), /another digest/],
      'imprint (last byte)': [token.indexOf(digest) + 31, /another digest/],
      "TSTInfo's last byte (nonce or TSA name)": [tstAt + parts.tstInfo.length - 1, changedAfterSigning],
      'certificate (middle)': [certAt + (parts.certificate.length >> 1), /./],
    };
    assert.ok(tstAt > 0 && certAt > 0 && signatureAt > 0 && genTimeAt > tstAt, 'the parts were found in the token');
    for (const [where, [at, reason]] of Object.entries(positions)) {
      const changed = flipBit(token, at);
      const check = await verifyTimestampToken(changed, digest);
      assert.equal(check.ok, false, `a bit flipped in the ${where} (byte ${at}) is caught`);
      assert.match(check.ok ? '' : check.reason, reason, where);
      assert.ok(!check.ok && check.reasonJa.length > 0);
      // openssl is handed the TSA's certificate apart (-untrusted) and signs off with that copy, so a
      // changed copy inside the token is ours alone to catch.
      if (where === 'certificate (middle)') continue;
      assert.equal(await opensslVerifies(tsa, writeToken(tsa, 'flipped.tst', changed), digest), false, `openssl also refuses the ${where}`);
    }
    // A byte appended or the token cut short is not the token either.
    assert.equal((await verifyTimestampToken(Buffer.concat([token, Buffer.from([0])]), digest)).ok, false);
    assert.equal((await verifyTimestampToken(token.subarray(0, token.length - 1), digest)).ok, false);
    // And the unchanged token still verifies (the positions above were real).
    assert.equal((await verifyTimestampToken(token, digest)).ok, true);
  });

  test('with trusted roots: the right CA chains, another CA is refused (by the check and by the client)', async () => {
    const digest = sha256('tree head 4');
    const { token } = await createTimestamper({ url: tsa.url, timeoutMs: 10_000 }).stamp(digest);
    assert.equal(trustedRootsProblem(tsa.caPem), null);
    const chained = await verifyTimestampToken(token, digest, { trustedCertsPem: [tsa.caPem] });
    assert.equal(chained.ok && chained.chained, true);
    // Several roots in one PEM file (TODOKU_TSA_CA_FILE) are all read.
    const both = await verifyTimestampToken(token, digest, { trustedCertsPem: [otherCa.caPem + tsa.caPem] });
    assert.equal(both.ok && both.chained, true);

    const foreign = await verifyTimestampToken(token, digest, { trustedCertsPem: [otherCa.caPem] });
    assert.equal(foreign.ok, false);
    assert.match(foreign.ok ? '' : foreign.reason, /does not chain to a trusted root/);
    assert.match(foreign.ok ? '' : foreign.reasonJa, /信頼するルート/);
    assert.equal(await opensslVerifies(tsa, writeToken(tsa, 'foreign.tst', token), digest, { caFile: otherCa.caFile }), false);

    const stamped = await createTimestamper({ url: tsa.url, timeoutMs: 10_000, trustedCertsPem: [tsa.caPem] }).stamp(digest);
    assert.ok(stamped.token.length > 0);
    const err = await stampError(createTimestamper({ url: tsa.url, timeoutMs: 10_000, trustedCertsPem: [otherCa.caPem] }).stamp(digest));
    assert.match(err.message, /does not chain to a trusted root/);
  });

  test('a CMS signature over a TSTInfo by a certificate that is not a TSA\'s, or without the ESS binding, fails', async () => {
    const digest = sha256('tree head 5');
    // The same key, certified by the same CA for something else than time stamping. Made before the stamp,
    // so the token's time is within the certificate's validity (else the check fails on that first).
    writeFileSync(join(tsa.dir, 'plain.ext'), 'basicConstraints = critical, CA:false\nkeyUsage = critical, digitalSignature\nextendedKeyUsage = serverAuth\n');
    await run('openssl', ['x509', '-req', '-in', 'tsa.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'plain.pem', '-days', '30', '-sha256', '-extfile', 'plain.ext'], { cwd: tsa.dir });
    await new Promise((r) => setTimeout(r, 1100)); // notBefore has whole seconds
    const { token } = await createTimestamper({ url: tsa.url, timeoutMs: 10_000 }).stamp(digest);
    const tstFile = writeToken(tsa, 'tstinfo.der', tokenParts(token).tstInfo);
    const cmsSign = async (cert: string, out: string): Promise<Buffer> => {
      await run('openssl', ['cms', '-sign', '-binary', '-nodetach', '-nosmimecap', '-in', tstFile, '-econtent_type', '1.2.840.113549.1.9.16.1.4', '-signer', cert, '-inkey', 'tsa.key', '-md', 'sha256', '-outform', 'DER', '-out', out], { cwd: tsa.dir });
      return readFileSync(join(tsa.dir, out));
    };
    const notTsa = await verifyTimestampToken(await cmsSign('plain.pem', 'plain.tst'), digest, { trustedCertsPem: [tsa.caPem] });
    assert.equal(notTsa.ok, false);
    assert.match(notTsa.ok ? '' : notTsa.reason, /not a time-stamping certificate/);
    // The TSA's own certificate, but signed without the signing-certificate attribute RFC 3161 requires.
    const noEss = await verifyTimestampToken(await cmsSign('tsa.pem', 'noess.tst'), digest);
    assert.equal(noEss.ok, false);
    assert.match(noEss.ok ? '' : noEss.reason, /ESS/);
  });

  test('a TSA with an EC key: its tokens verify with ours and with openssl', async () => {
    const ec = await startOpensslTsa({ keyType: 'ec' });
    try {
      const digest = sha256('tree head 6');
      const { token } = await createTimestamper({ url: ec.url, timeoutMs: 10_000, trustedCertsPem: [ec.caPem] }).stamp(digest);
      const check = await verifyTimestampToken(token, digest, { trustedCertsPem: [ec.caPem] });
      assert.equal(check.ok && check.chained, true);
      assert.equal(await opensslVerifies(ec, writeToken(ec, 'ec.tst', token), digest), true);
      const signature = tokenParts(token).signature;
      assert.equal((await verifyTimestampToken(flipBit(token, token.indexOf(signature) + 8), digest)).ok, false);
    } finally {
      await ec.stop();
    }
  });

  describe('a TSA that cannot be used gives TODOKU_E_TSA_UNAVAILABLE naming its host', () => {
    const digest = sha256('tree head 7');

    test('nothing listens at the URL', async () => {
      const port = await freePort();
      const err = await stampError(createTimestamper({ url: `http://127.0.0.1:${port}/tsa`, timeoutMs: 5_000 }).stamp(digest));
      assert.match(err.message, new RegExp(`127\\.0\\.0\\.1:${port}.*cannot connect \\(ECONNREFUSED\\)`));
      assert.match(err.ja, /時刻認証局（127\.0\.0\.1:\d+）.*接続できません/);
    });

    test('it answers HTTP 500', async () => {
      tsa.setMode('error500');
      try {
        const err = await stampError(createTimestamper({ url: tsa.url, timeoutMs: 5_000 }).stamp(digest));
        assert.match(err.message, /HTTP 500/);
        assert.match(err.ja, /HTTP 500/);
      } finally {
        tsa.setMode('ok');
      }
    });

    test('it accepts the request and never answers: the timeout ends the wait', async () => {
      tsa.setMode('hang');
      try {
        const started = Date.now();
        const err = await stampError(createTimestamper({ url: tsa.url, timeoutMs: 400 }).stamp(digest));
        const took = Date.now() - started;
        assert.ok(took >= 350 && took < 3_000, `gave up after ${took} ms`);
        assert.match(err.message, /no answer within 400 ms/);
        assert.match(err.ja, /400 ms 以内に応答がありません/);
      } finally {
        tsa.setMode('ok');
      }
    });

    test('it refuses in RFC 3161 terms: the TSA\'s own status text is kept', async () => {
      tsa.setMode('reject');
      try {
        const err = await stampError(createTimestamper({ url: tsa.url, timeoutMs: 10_000 }).stamp(digest));
        assert.match(err.message, /refused the request \(status 2: .*badAlg/);
        assert.match(err.ja, /拒否しました/);
      } finally {
        tsa.setMode('ok');
      }
    });

    test('it replays an earlier answer: another nonce and digest', async () => {
      await createTimestamper({ url: tsa.url, timeoutMs: 10_000 }).stamp(sha256('an earlier head'));
      tsa.setMode('replay');
      try {
        const err = await stampError(createTimestamper({ url: tsa.url, timeoutMs: 10_000 }).stamp(digest));
        assert.match(err.message, /another digest than the one requested/);
      } finally {
        tsa.setMode('ok');
      }
    });
  });

  test('skew: the harness gives a local clock ahead of the TSA by skewMs, for the ledger to compare', async () => {
    const skewed = await startOpensslTsa({ skewMs: 3_000, keyType: 'ec' });
    try {
      const stamp = await createTimestamper({ url: skewed.url, timeoutMs: 10_000 }).stamp(sha256('tree head 8'));
      const skew = skewed.skewedNow() - stamp.genTime;
      // genTime is truncated to whole seconds, so the measured skew is 3 s plus up to a second or two.
      assert.ok(skew >= 3_000 && skew < 5_500, `skew ${skew} ms`);
    } finally {
      await skewed.stop();
    }
  });
});
