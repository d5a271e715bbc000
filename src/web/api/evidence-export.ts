// /api/v1/campaigns/:c/evidence.zip and /api/v1/evidence.zip: evidence bundles (todoku-evidence-bundle/1,
// docs/evidence-bundle.md) that anyone verifies offline with `todoku evidence verify`. A campaign's
// bundle is for operators (it reveals the texts and numbers, as the results export does); the whole
// ledger, the hand-over (引継ぎ), for administrators. Both seal the ledger first and are audited.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiContext } from './context.ts';
import { campaignAccess, campaignRef as ref } from './campaign-access.ts';
import { attachment } from './documents.ts';
import type { Readable } from 'node:stream';
import type { BundleExports } from '../../evidence/export.ts';

const zipResponse = { 200: { description: 'the bundle (zip)', content: { 'application/zip': { schema: z.string().meta({ format: 'binary' }) } } } };
/** Documented as a binary string; Fastify pipes a stream as it is, unserialised. */
const asBody = (stream: Readable): string => stream as unknown as string;
const HOW = 'Seals the evidence ledger first: the bundle holds everything recorded until now, up to its last signed tree head. Verify it offline with `npx todoku evidence verify bundle.zip`.';

export function evidenceExportRoutes(app: FastifyInstance, ctx: ApiContext, exports: BundleExports): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = ctx;
  const { load, audit } = campaignAccess(store);

  r.get(
    '/campaigns/:campaign/evidence.zip',
    {
      config: { role: 'operator' },
      schema: {
        tags: ['evidence'],
        summary: "A campaign's evidence bundle: its ledger entries with inclusion proofs, the signed (time-stamped) tree heads, revealed contents and each message's certificate",
        description: HOW,
        params: ref,
        response: zipResponse,
      },
    },
    async (req, reply) => {
      const c = await load(req.params.campaign);
      const bundle = await exports.campaign(c);
      await audit(req.actor, 'campaign.evidence_export', c, { treeSize: bundle.head.tree_size });
      return reply.type('application/zip').header('content-disposition', attachment(bundle.filename)).send(asBody(bundle.stream));
    },
  );

  r.get(
    '/evidence.zip',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['evidence'],
        summary: 'The whole evidence ledger as one bundle, for a hand-over (引継ぎ): every entry, every signed (time-stamped) tree head and every revealed content',
        description: HOW,
        response: zipResponse,
      },
    },
    async (req, reply) => {
      const bundle = await exports.all();
      await store.audit.append({ actor: req.actor, action: 'evidence.export', details: { treeSize: bundle.head.tree_size } });
      return reply.type('application/zip').header('content-disposition', attachment(bundle.filename)).send(asBody(bundle.stream));
    },
  );
}
