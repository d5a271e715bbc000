// The one logger (pino). Personal data never goes in: log ids and counts, not names, numbers or texts.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { app: 'todoku' },
    redact: { paths: ['*.phone', '*.to', '*.name', '*.text', '*.body', 'req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
  });
}
