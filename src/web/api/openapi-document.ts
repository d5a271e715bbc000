// What goes into the OpenAPI document (GET /api/v1/openapi.json), from which the CLI's and the console's
// client types are generated: the routes under /api/v1 with their zod schemas, response schemas named by
// `.meta({ id })` as components. Everything else the server answers — recipient pages, the console,
// provider and payment callbacks, simulators, /health, /ready, /metrics — is not an API to program
// against and is left out here, in one place, so a new page route cannot slip into the document.
import type { SwaggerTransform, SwaggerTransformObject } from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';

export const API_PREFIX = '/api/v1/';

/** The answer of a route that answers 204 (done, nothing to say): `response: { 204: noContent }`. */
export const noContent = z.null().describe('No Content');

const transform: SwaggerTransform = (route) =>
  route.url.startsWith(API_PREFIX) ? jsonSchemaTransform(route) : { schema: { ...route.schema, hide: true }, url: route.url };

const REF = /"#\/components\/schemas\/([^"]+)"/g;

/**
 * Named schemas, minus those nothing refers to: the provider writes an input twin (`CampaignInput`)
 * of every named schema, and ours are named for their answers, so the twins would only be noise.
 */
const transformObject: SwaggerTransformObject = (document) => {
  const object = jsonSchemaTransformObject(document) as { paths?: unknown; components?: { schemas?: Record<string, unknown> } };
  const schemas = object.components?.schemas;
  if (!schemas) return object as ReturnType<SwaggerTransformObject>;
  const used = new Set<string>();
  let pending = [JSON.stringify(object.paths ?? {})];
  while (pending.length > 0) {
    const found = pending.flatMap((text) => [...text.matchAll(REF)].map((m) => m[1]!)).filter((name) => !used.has(name));
    for (const name of found) used.add(name);
    pending = found.map((name) => JSON.stringify(schemas[name] ?? {}));
  }
  const kept = Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name)));
  return { ...object, components: { ...object.components, schemas: kept } } as ReturnType<SwaggerTransformObject>;
};

/** The swagger plugin's `transform` and `transformObject` options. */
export const apiDocumentTransforms = { transform, transformObject };
