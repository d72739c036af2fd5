/** The site's icon: a bridge arc over water in the dashboard's blue (SVG, served for /favicon.ico too). */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
<rect width="64" height="64" rx="12" fill="#0b5cad"/>
<path d="M8 40h48M14 40c4-14 32-14 36 0M20 40v-7M32 40V28M44 40v-7" fill="none" stroke="#fff" stroke-width="4" stroke-linecap="round"/>
<path d="M10 49c6 3 12-3 18 0s12 3 18 0 8-2 8-2" fill="none" stroke="#9cc7f0" stroke-width="3" stroke-linecap="round"/>
</svg>
`;

/**
 * Public pages, open data and the bulletin archive may be indexed; staff screens, APIs behind a
 * login, token links and people's certificates may not.
 */
export const ROBOTS_TXT = `User-agent: *
Allow: /
Disallow: /monitor
Disallow: /agency
Disallow: /training
Disallow: /trpc
Disallow: /login
Disallow: /forgot-password
Disallow: /reset-password
Disallow: /accept-invitation
Disallow: /verify
Disallow: /bulletin/acknowledge/
Disallow: /bulletin/unsubscribe/
Disallow: /alerts/unsubscribe/
Disallow: /bulletin/preview/
Disallow: /healthz
`;
