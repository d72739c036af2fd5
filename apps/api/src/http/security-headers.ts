import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/**
 * Security headers on every response (dashboard, /bulletin, /verify, /api, /trpc): a CSP that runs
 * only our own scripts, no framing, no MIME sniffing, a strict referrer policy, and HSTS when the
 * site is served over https. The widget under /embed keeps its own frameable policy.
 */
export function securityHeaders(options: { https: boolean }): MiddlewareHandler {
  const common = {
    strictTransportSecurity: options.https ? 'max-age=31536000; includeSubDomains' : false,
    referrerPolicy: 'strict-origin-when-cross-origin',
    xContentTypeOptions: true,
  } as const;
  const site = secureHeaders({
    ...common,
    xFrameOptions: 'DENY',
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      frameSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  });
  // Open data is read by other sites' scripts (CORS); the widget is framed by anyone.
  const openData = secureHeaders({ ...common, xFrameOptions: 'DENY', crossOriginResourcePolicy: 'cross-origin', contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } });
  const embed = secureHeaders({ ...common, xFrameOptions: false, crossOriginResourcePolicy: 'cross-origin', crossOriginOpenerPolicy: false, referrerPolicy: 'no-referrer-when-downgrade' });
  return (c, next) => {
    const path = c.req.path;
    if (path.startsWith('/embed/')) return embed(c, next);
    if (path.startsWith('/api/public/') && !path.startsWith('/api/public/v1/docs')) return openData(c, next);
    return site(c, next);
  };
}
