// A local RFC 3161 Time-Stamp Authority for the tests, made of Debian's `openssl ts`: a fresh root CA and
// a TSA certificate (extendedKeyUsage critical timeStamping) in a temp dir, and an HTTP server on
// 127.0.0.1 that writes each POSTed query to a file and answers with what `openssl ts -reply` wrote.
// Everything runs through execFile (no shell). Modes let a test see the TSA fail: an HTTP 500, no answer
// at all (a hang), a refusal in RFC 3161 terms (status rejection, from openssl itself), or the previous
// answer again (a replay: wrong nonce and imprint). openssl stamps with the system clock, so clock skew
// is simulated on our side: `skewedNow()` is a local clock `skewMs` ahead of the TSA's, for the ledger.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type TsaMode = 'ok' | 'error500' | 'hang' | 'reject' | 'replay';

export interface OpensslTsaOptions {
  /** The local clock's lead over the TSA's, in ms (negative: behind). Default 0. */
  skewMs?: number;
  /** Key type of the CA and TSA certificates. Default rsa (2048). */
  keyType?: 'rsa' | 'ec';
  /** How the TSA answers at first; change it later with setMode. Default ok. */
  mode?: TsaMode;
  /** The TSA certificate's subject. Default /O=Todoku Test/CN=Todoku Test TSA. */
  subject?: string;
}

export interface OpensslTsa {
  url: string;
  /** The root CA that issued the TSA certificate (PEM). */
  caPem: string;
  /** The TSA's own certificate (PEM). */
  tsaCertPem: string;
  /** Paths of the same, for `openssl ts -verify -CAfile … -untrusted …`. */
  caFile: string;
  tsaCertFile: string;
  dir: string;
  /** The policy OID every token carries. */
  policy: string;
  skewMs: number;
  /** A local clock running skewMs ahead of the TSA's (give it to the ledger as `now`). */
  skewedNow(): number;
  setMode(mode: TsaMode): void;
  /** Paths of the queries answered so far (DER TimeStampReq), oldest first. */
  queries(): string[];
  /** Paths of the replies written so far (DER TimeStampResp), oldest first. */
  replies(): string[];
  /** How many requests arrived (whatever the mode). */
  requests(): number;
  stop(): Promise<void>;
}

export const TEST_TSA_POLICY = '1.3.6.1.4.1.99999.1.1';

function tsaConfig(dir: string): string {
  const section = (name: string, digests: string) => `[ ${name} ]
dir = ${dir}
serial = $dir/serial
crypto_device = builtin
signer_cert = $dir/tsa.pem
signer_key = $dir/tsa.key
signer_digest = sha256
default_policy = ${TEST_TSA_POLICY}
digests = ${digests}
accuracy = secs:1, millisecs:0, microsecs:0
clock_precision_digits = 0
ordering = no
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`;
  // tsa_reject accepts only SHA-1 imprints, so openssl itself refuses our SHA-256 queries (status rejection).
  return `[ tsa ]
default_tsa = tsa_ok

${section('tsa_ok', 'sha256, sha384, sha512')}
${section('tsa_reject', 'sha1')}
[ ca_ext ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash

[ tsa_ext ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;
}

async function openssl(args: string[], cwd: string): Promise<void> {
  await run('openssl', args, { cwd, timeout: 30_000 });
}

async function makeKey(file: string, keyType: 'rsa' | 'ec', cwd: string): Promise<void> {
  const alg = keyType === 'rsa' ? ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'] : ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'];
  await openssl(['genpkey', ...alg, '-out', file], cwd);
}

/** Builds a root CA and a TSA certificate it issued, in dir. */
async function makePki(dir: string, keyType: 'rsa' | 'ec', subject: string): Promise<void> {
  await makeKey('ca.key', keyType, dir);
  await makeKey('tsa.key', keyType, dir);
  await openssl(['req', '-new', '-x509', '-key', 'ca.key', '-out', 'ca.pem', '-days', '30', '-subj', '/O=Todoku Test/CN=Todoku Test Root CA', '-config', 'tsa.cnf', '-extensions', 'ca_ext', '-sha256'], dir);
  await openssl(['req', '-new', '-key', 'tsa.key', '-out', 'tsa.csr', '-subj', subject, '-config', 'tsa.cnf'], dir);
  await openssl(['x509', '-req', '-in', 'tsa.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'tsa.pem', '-days', '30', '-sha256', '-extfile', 'tsa.cnf', '-extensions', 'tsa_ext'], dir);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startOpensslTsa(options: OpensslTsaOptions = {}): Promise<OpensslTsa> {
  const dir = mkdtempSync(join(tmpdir(), 'todoku-tsa-'));
  const skewMs = options.skewMs ?? 0;
  let mode: TsaMode = options.mode ?? 'ok';
  // A minimal openssl.cnf for `req` needs a [req] section; the TSA sections follow.
  writeFileSync(join(dir, 'tsa.cnf'), `[ req ]\ndistinguished_name = req_dn\nprompt = no\n[ req_dn ]\n\n${tsaConfig(dir)}`);
  writeFileSync(join(dir, 'serial'), '01\n');
  await makePki(dir, options.keyType ?? 'rsa', options.subject ?? '/O=Todoku Test/CN=Todoku Test TSA');

  const queries: string[] = [];
  const replies: string[] = [];
  let received = 0;
  let written = 0;
  // openssl's serial file is read and rewritten per reply: one reply at a time.
  let queue: Promise<unknown> = Promise.resolve();
  const reply = (query: Buffer, section: string): Promise<Buffer> => {
    const next = queue.then(async () => {
      const n = ++written;
      const queryFile = join(dir, `query-${n}.tsq`);
      const replyFile = join(dir, `reply-${n}.tsr`);
      writeFileSync(queryFile, query);
      await openssl(['ts', '-reply', '-config', 'tsa.cnf', '-section', section, '-queryfile', queryFile, '-out', replyFile], dir);
      queries.push(queryFile);
      replies.push(replyFile);
      return readFileSync(replyFile);
    });
    queue = next.catch(() => undefined);
    return next;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    received++;
    const query = await readBody(req);
    if (mode === 'hang') return; // never answers; stop() closes the socket
    if (mode === 'error500') {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
      return;
    }
    if (req.method !== 'POST' || req.headers['content-type'] !== 'application/timestamp-query') {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('expected POST application/timestamp-query');
      return;
    }
    let der: Buffer;
    if (mode === 'replay' && replies.length > 0) {
      der = readFileSync(replies[replies.length - 1]!);
    } else {
      der = await reply(query, mode === 'reject' ? 'tsa_reject' : 'tsa_ok');
    }
    res.writeHead(200, { 'content-type': 'application/timestamp-reply', 'content-length': der.length }).end(der);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' }).end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/tsa`,
    caPem: readFileSync(join(dir, 'ca.pem'), 'utf8'),
    tsaCertPem: readFileSync(join(dir, 'tsa.pem'), 'utf8'),
    caFile: join(dir, 'ca.pem'),
    tsaCertFile: join(dir, 'tsa.pem'),
    dir,
    policy: TEST_TSA_POLICY,
    skewMs,
    skewedNow: () => Date.now() + skewMs,
    setMode: (m) => {
      mode = m;
    },
    queries: () => [...queries],
    replies: () => [...replies],
    requests: () => received,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await queue;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
