import { lazy } from 'solid-js';
import type { RouteDefinition } from '@solidjs/router';
import { RankingPage } from './pages/public/RankingPage';

/** The ranking (home) page is in the main bundle for a fast first paint; every other page loads on demand. */
export const routes: RouteDefinition[] = [
  { path: '/', component: RankingPage },
  { path: '/editions/:editionId', component: RankingPage },
  { path: '/organizations/:organizationId', component: lazy(() => import('./pages/public/OrganizationPage')) },
  { path: '/methodology', component: lazy(() => import('./pages/public/MethodologyPage')) },
  { path: '/check', component: lazy(() => import('./pages/public/CheckPage')) },
  { path: '/embed', component: lazy(() => import('./pages/public/EmbedPage')) },
  { path: '/login', component: lazy(() => import('./pages/LoginPage')) },
  { path: '*404', component: lazy(() => import('./pages/NotFoundPage')) },
];
