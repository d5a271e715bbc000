// API key authentication for /api/v1: `Authorization: Bearer <key>` or `X-API-Key: <key>`.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiKeyStore } from '../../store/api-keys.ts';
import { problemOf } from './problem.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: string;
  }
}

export function keyFrom(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  const x = req.headers['x-api-key'];
  return typeof x === 'string' ? x.trim() : undefined;
}

export function requireApiKey(keys: ApiKeyStore) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const secret = keyFrom(req);
    const key = secret ? await keys.verify(secret) : undefined;
    if (!key) {
      await reply
        .status(401)
        .type('application/problem+json; charset=utf-8')
        .send(problemOf('TODOKU_E_UNAUTHORIZED', 401, 'APIキーが必要です（無効または失効したキー）', 'a valid API key is required'));
      return;
    }
    req.actor = `apikey:${key.id}:${key.name}`;
  };
}
