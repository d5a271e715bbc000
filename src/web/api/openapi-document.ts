// What goes into the OpenAPI document (GET /api/v1/openapi.json), from which the CLI's and the console's
// client types are generated: the routes under /api/v1 with their zod schemas, response schemas named by
// `.meta({ id })` as components. Everything else the server answers — recipient pages, the console,
// provider and payment callbacks, simulators, /health, /ready, /metrics — is not an API to program
// against and is left out here, in one place, so a new page route cannot slip into the document.
import type { SwaggerTransform } from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

export const API_PREFIX = '/api/v1/';

const transform: SwaggerTransform = (route) =>
  route.url.startsWith(API_PREFIX) ? jsonSchemaTransform(route) : { schema: { ...route.schema, hide: true }, url: route.url };

/** The swagger plugin's `transform` and `transformObject` options. */
export const apiDocumentTransforms = { transform, transformObject: jsonSchemaTransformObject };
