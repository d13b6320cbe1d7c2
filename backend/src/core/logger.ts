import pino, { type Logger } from 'pino';

/** Structured JSON logs; the request id is bound per request by pino-http. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'gridenforce' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.refreshToken', '*.accessToken'],
      censor: '[redacted]',
    },
  });
}

export type { Logger };
