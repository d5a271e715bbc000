// /api/v1/messages/:id/certificate.pdf and certificate.json — one message's 記録証明書 (certificate of
// records): the PDF, or the data it carries (todoku-certificate/1), verified before it leaves. Operator
// and admin only (it names the recipient and reveals the text and number), audited; an unknown id is
// simply not found.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiContext } from './context.ts';
import { notFound } from './problem.ts';
import { attachment } from './documents.ts';
import type { Certificates } from '../../evidence/certificate/service.ts';
import { CERTIFICATE_VERSION, REVEALED_ROLES, type CertificateData } from '../../core/evidence/certificate.ts';

const hex = z.string().regex(/^[0-9a-f]*$/);

export const certificateView = z
  .object({
    version: z.literal(CERTIFICATE_VERSION),
    issuedAt: z.number().describe('epoch ms'),
    messageId: z.number(),
    test: z.boolean().optional().describe("a test send to the organisation's own test number"),
    sender: z.object({
      name: z.string(),
      nameEn: z.string().nullable(),
      legalName: z.string().nullable(),
      address: z.string().nullable(),
      registrationNumbers: z.array(z.string()),
      officialSenders: z.array(z.string()),
      officialLinkBases: z.array(z.string()),
      contactPhone: z.string().nullable(),
      verifyUrl: z.string(),
    }),
    recipient: z.object({ name: z.string().nullable(), maskedNumber: z.string(), line: z.number().nullable() }),
    campaign: z.object({ id: z.number(), name: z.string(), noticeKind: z.string(), formality: z.string().nullable() }),
    entries: z.array(
      z.object({
        leafIndex: z.number(),
        leaf: z.string().describe('the leaf text exactly as hashed (canonical JSON)'),
        leafHash: hex,
        proof: z.array(hex).describe('RFC 9162 inclusion proof against head.size'),
      }),
    ),
    contents: z.array(
      z.object({
        role: z.enum(REVEALED_ROLES),
        commitment: hex,
        nonce: hex.nullable().describe('null when the content is no longer kept'),
        content: z.string().nullable(),
      }),
    ),
    head: z.object({
      size: z.number(),
      root: hex,
      at: z.number(),
      keyId: z.string(),
      signature: z.string().describe('Ed25519 over the head text, base64'),
      publicKeyPem: z.string(),
      tsa: z.object({ token: z.string().describe('RFC 3161 TimeStampToken, DER, base64'), time: z.number(), name: z.string(), url: z.string().nullable() }).nullable(),
    }),
    timeSource: z.enum(['tsa', 'installation']),
  })
  .meta({ id: 'Certificate' });

// The view is the data, field for field: tsc fails here when one changes without the other.
const sameShape = (d: CertificateData): z.infer<typeof certificateView> => d;
void sameShape;

const params = z.object({ id: z.coerce.number().int().min(1) });

export function certificateRoutes(app: FastifyInstance, ctx: ApiContext, certificates: Certificates): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = ctx;

  async function messageOf(id: number) {
    const found = await store.tracking.message(id);
    if (!found) throw notFound(`メッセージ ${id} / message ${id}`);
    return found.record;
  }
  const audit = (actor: string, id: number, campaignId: number, format: 'pdf' | 'json') =>
    store.audit.append({ actor, action: 'message.certificate', target: `message:${id}`, details: { format, campaign: campaignId } });

  r.get(
    '/messages/:id/certificate.pdf',
    {
      config: { role: 'operator' },
      schema: {
        tags: ['evidence'],
        summary: "A message's 記録証明書 (certificate of records) as a PDF: recorded times in JST, the notice text, proofs, the signed tree head; certificate.json attached",
        description: 'Seals the evidence ledger first, so every fact recorded until now is included. Verify offline with `npx todoku evidence verify certificate.pdf`.',
        params,
        response: { 200: { description: 'the PDF', content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } } } },
      },
    },
    async (req, reply) => {
      const m = await messageOf(req.params.id);
      const { bytes } = await certificates.pdf(m.id);
      await audit(req.actor, m.id, m.campaignId, 'pdf');
      // Documented as a binary string; Fastify sends a Buffer as it is, unserialised.
      const pdf = Buffer.from(bytes) as unknown as string;
      return reply.type('application/pdf').header('content-disposition', attachment(`certificate-${m.id}.pdf`)).send(pdf);
    },
  );

  r.get(
    '/messages/:id/certificate.json',
    {
      config: { role: 'operator' },
      schema: {
        tags: ['evidence'],
        summary: "A message's 記録証明書 as data (todoku-certificate/1): entries with inclusion proofs, revealed contents, the signed (time-stamped) tree head",
        params,
        response: { 200: certificateView },
      },
    },
    async (req) => {
      const m = await messageOf(req.params.id);
      const data = await certificates.data(m.id);
      await audit(req.actor, m.id, m.campaignId, 'json');
      return data;
    },
  );
}
