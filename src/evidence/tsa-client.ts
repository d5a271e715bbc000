// The RFC 3161 client: has a tree head's digest time-stamped by the TSA at TODOKU_TSA_URL. One POST of
// application/timestamp-query through node's fetch (the project's HTTP client for outside services), a
// fresh random nonce each time, and the answer checked in full (granted, our imprint and nonce, a valid
// signature by a time-stamping certificate, chained to TODOKU_TSA_CA_FILE's roots when given) before the
// ledger keeps it. Anything else, a timeout included, is one TodokuError TODOKU_E_TSA_UNAVAILABLE naming
// the TSA's host and what happened; the ledger keeps its signed head and stamps the next one.
import { randomBytes } from 'node:crypto';
import { TodokuError, type Bilingual } from '../core/errors.ts';
import type { Timestamper } from '../core/evidence/head.ts';
import { readTimestampResponse, timestampRequest, TimestampResponseError, verifyTimestampToken } from '../core/evidence/tsa-token.ts';

export interface TimestamperOptions {
  url: string;
  timeoutMs: number;
  /** PEM texts of the roots the TSA's certificate must chain to (TODOKU_TSA_CA_FILE); absent or null: not checked. */
  trustedCertsPem?: string[] | null;
}

/** A TimeStampResp is a few kilobytes; anything far larger is not one. */
const MAX_REPLY_BYTES = 1 << 20;

function unavailable(host: string, what: Bilingual, details?: unknown): TodokuError {
  return new TodokuError(
    'TODOKU_E_TSA_UNAVAILABLE',
    { ja: `時刻認証局（${host}）でタイムスタンプを取得できません: ${what.ja}`, en: `no time stamp from the TSA at ${host}: ${what.en}` },
    details,
  );
}

function networkProblem(err: unknown, timeoutMs: number): Bilingual {
  const name = (err as { name?: string } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return { ja: `${timeoutMs} ms 以内に応答がありません`, en: `no answer within ${timeoutMs} ms` };
  }
  const cause = (err as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : (err as Error).message;
  return { ja: `接続できません（${code}）`, en: `cannot connect (${code})` };
}

export function createTimestamper(options: TimestamperOptions): Timestamper {
  const url = new URL(options.url);
  const host = url.host;
  const verifyOptions = options.trustedCertsPem ? { trustedCertsPem: options.trustedCertsPem } : {};

  async function post(query: Buffer): Promise<Buffer> {
    let response: Response;
    let body: ArrayBuffer;
    try {
      // One signal for the request and for reading its body: a TSA that sends headers and then stalls
      // is as unavailable as one that never answers.
      const signal = AbortSignal.timeout(options.timeoutMs);
      response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' }, body: query, signal });
      if (!response.ok) {
        await response.body?.cancel();
        throw unavailable(host, { ja: `HTTP ${response.status} が返りました`, en: `it answered HTTP ${response.status}` }, { status: response.status });
      }
      const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      // application/timestamp-response is the name some older TSAs still send.
      if (type !== 'application/timestamp-reply' && type !== 'application/timestamp-response') {
        await response.body?.cancel();
        throw unavailable(host, { ja: `応答の種類が application/timestamp-reply ではありません（${type || 'なし'}）`, en: `the answer is not application/timestamp-reply (${type || 'none'})` });
      }
      const length = Number(response.headers.get('content-length') ?? 0);
      if (length > MAX_REPLY_BYTES) {
        await response.body?.cancel();
        throw unavailable(host, { ja: `応答が大きすぎます（${length} バイト）`, en: `the answer is too large (${length} bytes)` });
      }
      body = await response.arrayBuffer();
    } catch (err) {
      if (err instanceof TodokuError) throw err;
      throw unavailable(host, networkProblem(err, options.timeoutMs));
    }
    if (body.byteLength > MAX_REPLY_BYTES) throw unavailable(host, { ja: `応答が大きすぎます（${body.byteLength} バイト）`, en: `the answer is too large (${body.byteLength} bytes)` });
    return Buffer.from(body);
  }

  return {
    url: options.url,
    async stamp(digest: Buffer) {
      const nonce = randomBytes(8);
      const reply = await post(timestampRequest(digest, nonce));
      let token: Buffer;
      try {
        token = readTimestampResponse(reply, digest, nonce).token;
      } catch (err) {
        if (err instanceof TimestampResponseError) throw unavailable(host, { ja: err.ja, en: err.message }, { problem: err.problem });
        throw err;
      }
      const check = await verifyTimestampToken(token, digest, verifyOptions);
      if (!check.ok) throw unavailable(host, { ja: `トークンを検証できません: ${check.reasonJa}`, en: `its token does not verify: ${check.reason}` }, { problem: 'token' });
      return { token, genTime: check.genTime, tsaName: check.tsaName };
    },
  };
}
