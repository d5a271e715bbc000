// POST /api/v1/csv/preview: the first rows of a CSV as the import would read them (encoding, each
// column's field, each row accepted or rejected with its reason), for the console's column-mapping
// step. Nothing is stored. The body is the file (or its start, with ?partial=true); ?mapping= takes
// the same header → field overrides as the import.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { ApiContext } from './context.ts';
import { previewCsv } from '../../import/preview.ts';
import { CANONICAL_FIELDS } from '../../core/csv/aliases.ts';
import { TodokuError } from '../../core/errors.ts';
import { parseMapping, type MappingOverrides } from '../../core/csv/mapping.ts';

/** ?mapping= as the import takes it (core/csv/mapping.ts); malformed text is a 400, never a 500. */
export function mappingOverrides(raw: string | undefined): MappingOverrides | undefined {
  if (raw === undefined || raw === '') return undefined;
  const parsed = parseMapping(raw);
  if (!parsed.ok) throw new TodokuError('TODOKU_E_VALIDATION', parsed.message, { parameter: 'mapping' });
  return parsed.overrides;
}

/** The request's CSV body as a stream; a request without one (or of another type) is a 400, never a 500. */
export function csvBody(body: unknown): Readable {
  if (!body || typeof (body as Readable).pipe !== 'function') {
    throw new TodokuError('TODOKU_E_VALIDATION', { ja: 'CSV ファイルを本文として送ってください（Content-Type: text/csv）', en: 'send the CSV file as the body (Content-Type: text/csv)' });
  }
  return body as Readable;
}

export function csvPreviewRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/csv/preview',
    {
      // The rows are personal data: operators, like the import itself.
      config: { role: 'operator' },
      schema: {
        tags: ['campaigns'],
        summary: 'The first rows of a CSV body as the import would read them: encoding, column mapping, each row accepted or rejected with its reason (nothing stored)',
        querystring: z.object({
          mapping: z.string().optional().describe('JSON object: header (or col_N) → field, e.g. {"携帯":"phone"}'),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          partial: z.enum(['true', 'false', '1', '0']).optional().describe('the body is the start of a larger file: its last record may be cut and is not shown'),
        }),
        response: {
          200: z.object({
            encoding: z.string(),
            fields: z.array(z.string()).describe('the fields Todoku knows; any other name is a custom column'),
            columns: z.array(z.object({ index: z.number(), header: z.string(), field: z.string(), canonical: z.boolean() })),
            problems: z.array(z.object({ code: z.string(), severity: z.enum(['error', 'warning']), message: z.string(), message_en: z.string(), columns: z.array(z.number()) })),
            rows: z.array(
              z.object({
                line: z.number(),
                cells: z.array(z.string()),
                accepted: z.boolean(),
                phone: z.string().optional(),
                reason: z.string().optional(),
                message: z.string().optional(),
                message_en: z.string().optional(),
              }),
            ),
            more: z.boolean().describe('more rows follow those shown'),
          }),
        },
      },
    },
    async (req) => {
      const body = csvBody(req.body);
      const overrides = mappingOverrides(req.query.mapping);
      const preview = await previewCsv(body, {
        limit: req.query.limit,
        partial: req.query.partial === 'true' || req.query.partial === '1',
        isSuppressed: await ctx.store.suppressions.matcher(),
        isMisdelivered: await ctx.store.debtorActions.misdelivered.matcher(),
        ...(overrides ? { overrides } : {}),
      });
      return {
        encoding: preview.encoding,
        fields: [...CANONICAL_FIELDS],
        columns: preview.columns.map((c) => ({ index: c.index, header: c.header, field: c.field, canonical: c.canonical })),
        problems: preview.problems.map((p) => ({ code: p.code, severity: p.severity, message: p.message.ja, message_en: p.message.en, columns: p.columns })),
        rows: preview.rows.map((row) => ({
          line: row.line,
          cells: row.cells,
          accepted: row.accepted,
          ...(row.phone ? { phone: row.phone } : {}),
          ...(row.reason ? { reason: row.reason } : {}),
          ...(row.message ? { message: row.message.ja, message_en: row.message.en } : {}),
        })),
        more: preview.more,
      };
    },
  );
}
