import pino from 'pino';

export type Logger = pino.Logger;

export const createLogger = (level: string = 'info'): Logger => pino({ level, base: { service: 'tsifrovoy-most' } });
