import { z } from 'zod';

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);
const optionalUrl = (protocols: readonly string[]) =>
  z.preprocess(
    emptyAsUndefined,
    z
      .url({ message: 'must be a URL' })
      .refine((value) => protocols.some((p) => value.startsWith(`${p}:`)), {
        message: `must start with ${protocols.map((p) => `${p}://`).join(' or ')}`,
      })
      .optional(),
  );
const positiveInt = (fallback: number) => z.preprocess(emptyAsUndefined, z.coerce.number().int().positive().default(fallback));

/**
 * TRUST_PROXY: which X-Forwarded-For hops to believe. Empty/"false"/"0": none (the socket address
 * is the client); a number: that many proxies of ours in front; otherwise a comma-separated list of
 * proxy addresses or CIDRs.
 */
export type TrustProxy = false | number | string[];
const isIP = (text: string) => /^(\d{1,3}\.){3}\d{1,3}$/.test(text) || /^[0-9a-f:]+:[0-9a-f:.]*$/i.test(text);
const trustProxySchema = z.preprocess(
  emptyAsUndefined,
  z
    .string()
    .optional()
    .transform((value, ctx): TrustProxy => {
      const text = value?.trim().toLowerCase();
      if (!text || text === 'false' || text === 'off' || text === 'no') return false;
      if (/^\d+$/.test(text)) return Number(text);
      const list = text
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean);
      const bad = list.filter((entry) => !isIP(entry.split('/')[0] ?? '') || (entry.includes('/') && !/^\d{1,3}$/.test(entry.split('/')[1] ?? '')));
      if (bad.length > 0) {
        ctx.addIssue({ code: 'custom', message: `must be a number of proxies or a list of addresses/CIDRs; not understood: ${bad.join(', ')}` });
        return z.NEVER;
      }
      return list;
    }),
);

/** Where files live when DATA_DIR is not set (embedded database, uploads, the e-mail outbox). */
export const DEFAULT_DATA_DIR = './data';

/** Every environment variable the platform reads, parsed once at start-up. */
export const configSchema = z
  .object({
    NODE_ENV: z.preprocess(emptyAsUndefined, z.enum(['development', 'production', 'test']).default('development')),
    PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(8080)),
    HOST: z.preprocess(emptyAsUndefined, z.string().default('0.0.0.0')),
    PUBLIC_URL: optionalUrl(['http', 'https']),
    TRUST_PROXY: trustProxySchema,
    LOG_LEVEL: z.preprocess(emptyAsUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
    DATABASE_URL: optionalUrl(['postgres', 'postgresql']),
    DATABASE_POOL_SIZE: positiveInt(10),
    DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default(DEFAULT_DATA_DIR)),
    REDIS_URL: optionalUrl(['redis', 'rediss']),
    QUEUE_PREFIX: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^[a-z][a-z0-9_]*$/, 'lower-case letters, digits and _')
        .default('most'),
    ),
    PSEUDONYM_KEY: z.preprocess(emptyAsUndefined, z.string().min(32, 'must be at least 32 characters').optional()),
    VK_API_URL: optionalUrl(['http', 'https']),
    VK_TOKEN: z.preprocess(emptyAsUndefined, z.string().optional()),
    /** More VK tokens (comma-separated), pooled with VK_TOKEN: each keeps its own budget; a refused one leaves the pool. */
    VK_TOKENS: z.preprocess(emptyAsUndefined, z.string().optional()),
    VK_TOKEN_KIND: z.preprocess(emptyAsUndefined, z.enum(['user', 'service', 'community']).default('service')),
    VK_REQUESTS_PER_SECOND: z.preprocess(emptyAsUndefined, z.coerce.number().positive().max(100).optional()),
    /** OK REST API (fb.do): OK groups are read when the application key, its secret key and an access token are all set. */
    OK_API_URL: optionalUrl(['http', 'https']),
    OK_APPLICATION_KEY: z.preprocess(emptyAsUndefined, z.string().optional()),
    OK_APPLICATION_SECRET_KEY: z.preprocess(emptyAsUndefined, z.string().optional()),
    OK_ACCESS_TOKEN: z.preprocess(emptyAsUndefined, z.string().optional()),
    /** More OK access tokens (comma-separated), pooled with OK_ACCESS_TOKEN under the same application. */
    OK_ACCESS_TOKENS: z.preprocess(emptyAsUndefined, z.string().optional()),
    OK_REQUESTS_PER_SECOND: z.preprocess(emptyAsUndefined, z.coerce.number().positive().max(100).optional()),
    /** Base of Telegram's public channel previews (https://t.me): Telegram channels are read only when set. */
    TELEGRAM_PREVIEW_URL: optionalUrl(['http', 'https']),
    /** Preview pages fetched per second (politely: default 1). */
    TELEGRAM_REQUESTS_PER_SECOND: z.preprocess(emptyAsUndefined, z.coerce.number().positive().max(20).optional()),
    /** Minutes between crawls of posts and comments (fan-out over active accounts). */
    CRAWL_POSTS_EVERY_MINUTES: positiveInt(60),
    /** Minutes between profile crawls (at least one snapshot per day). */
    CRAWL_PROFILES_EVERY_MINUTES: positiveInt(1440),
    /** Comments of posts younger than this are re-read on every crawl, so late answers are seen. */
    CRAWL_RECENT_DAYS: positiveInt(7),
    /** How far back the first crawl of an account reads posts. */
    CRAWL_HISTORY_DAYS: positiveInt(30),
    /** Fresh pass: seconds between plans re-reading comments of recent posts between hourly crawls (0 = off). */
    CRAWL_FRESH_EVERY_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(3600).default(60)),
    /** Fresh pass: posts younger than this many hours are re-read (older ones only by the hourly crawl). */
    CRAWL_FRESH_WINDOW_HOURS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(720).default(72)),
    /** Fresh pass: share of each network's request budget it may use; the hourly crawl keeps the rest. */
    CRAWL_FRESH_BUDGET_SHARE: z.preprocess(emptyAsUndefined, z.coerce.number().gt(0).max(0.9).default(0.3)),
    /** Crawl jobs a worker process runs at once (the request budget is shared through the queue either way). */
    CRAWL_CONCURRENCY: positiveInt(16),
    SMTP_URL: optionalUrl(['smtp', 'smtps']),
    /** Chromium the worker prints bulletin PDFs with. */
    CHROMIUM_PATH: z.preprocess(emptyAsUndefined, z.string().default('/usr/bin/chromium')),
    /** Telegram bot that delivers alerts (from @BotFather); without it alerts go by e-mail and in the app only. */
    TELEGRAM_BOT_TOKEN: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^\d+:[A-Za-z0-9_-]+$/, 'must look like 123456:ABC…')
        .optional(),
    ),
    /** Bot API base (default https://api.telegram.org): a wire-compatible server for tests. */
    TELEGRAM_API_URL: optionalUrl(['http', 'https']),
    /** How far back a missed alert (worker down, question read late) is still sent; older ones are dropped. */
    ALERT_CATCH_UP_HOURS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(72).default(6)),
    /**
     * Days citizens' comment text is kept (for the SLA, review and disputes) before the daily purge
     * destroys it and keeps only the measurements (152-FZ: no longer than the purpose needs).
     */
    COMMENT_RETENTION_DAYS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(30, 'must be at least 30 (the SLA and disputes need a month)').max(3650).default(90)),
  })
  .superRefine((config, context) => {
    // OK needs all three credentials or none: a partial set is a mistake worth stopping for.
    const ok = ['OK_APPLICATION_KEY', 'OK_APPLICATION_SECRET_KEY', 'OK_ACCESS_TOKEN'] as const;
    if (ok.some((name) => config[name])) {
      for (const name of ok) if (!config[name]) context.addIssue({ code: 'custom', path: [name], message: `required when ${ok.filter((n) => config[n]).join(', ')} is set` });
    }
  });

export type Config = z.infer<typeof configSchema>;

/** Links in e-mails and open data must never follow the request's Host header: production names its origin. */
const productionNeedsPublicUrl = (config: Config) =>
  config.NODE_ENV === 'production' && !config.PUBLIC_URL ? [{ variable: 'PUBLIC_URL', message: 'required in production (the origin put into links)' }] : [];

/** Raised for an invalid environment; its message names every offending variable. */
export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (result.success) {
    const problems = productionNeedsPublicUrl(result.data);
    if (problems.length > 0) throw new ConfigError(problems);
    return result.data;
  }
  const firstProblemPerVariable = new Map<string, string>();
  for (const issue of result.error.issues) {
    const variable = String(issue.path[0] ?? '?');
    if (!firstProblemPerVariable.has(variable)) firstProblemPerVariable.set(variable, issue.message);
  }
  throw new ConfigError([...firstProblemPerVariable].map(([variable, message]) => ({ variable, message })));
}

/** Parses `process.env`; on failure prints the variables at fault and exits with code 78 (EX_CONFIG). */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): Config {
  try {
    return parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}
