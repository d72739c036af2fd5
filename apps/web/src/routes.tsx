import { lazy } from 'solid-js';
import type { RouteDefinition } from '@solidjs/router';
import { RankingPage } from './pages/public/RankingPage';

/** The ranking (home) page is in the main bundle for a fast first paint; every other page loads on demand. */
export const routes: RouteDefinition[] = [
  { path: '/', component: RankingPage },
  { path: '/rankings/:slug', component: RankingPage },
  { path: '/organizations/:code', component: lazy(() => import('./pages/public/OrganizationPage')) },
  { path: '/compare', component: lazy(() => import('./pages/public/ComparePage')) },
  { path: '/municipalities', component: lazy(() => import('./pages/public/MunicipalitiesPage')) },
  { path: '/municipalities/:code', component: lazy(() => import('./pages/public/MunicipalityPage')) },
  { path: '/methodology', component: lazy(() => import('./pages/public/MethodologyPage')) },
  { path: '/check', component: lazy(() => import('./pages/public/CheckPage')) },
  { path: '/embed', component: lazy(() => import('./pages/public/EmbedPage')) },
  { path: '/login', component: lazy(() => import('./pages/LoginPage')) },
  { path: '/forgot-password', component: lazy(() => import('./pages/account/ForgotPasswordPage')) },
  { path: '/reset-password', component: lazy(() => import('./pages/account/SetPasswordPage').then((m) => ({ default: m.ResetPasswordPage }))) },
  { path: '/accept-invitation', component: lazy(() => import('./pages/account/SetPasswordPage').then((m) => ({ default: m.AcceptInvitationPage }))) },
  { path: '/bulletins', component: lazy(() => import('./pages/bulletin/ArchivePage')) },
  { path: '/bulletins/:slug', component: lazy(() => import('./pages/bulletin/IssuePage')) },

  { path: '/monitor/registry', component: lazy(() => import('./pages/monitor/RegistryPage')) },
  { path: '/monitor/import', component: lazy(() => import('./pages/monitor/ImportPage')) },
  { path: '/monitor/crawl', component: lazy(() => import('./pages/monitor/CrawlPage')) },
  { path: '/monitor/review', component: lazy(() => import('./pages/monitor/ReviewPage')) },
  { path: '/monitor/scoring', component: lazy(() => import('./pages/monitor/ScoringPage')) },
  { path: '/monitor/disputes', component: lazy(() => import('./pages/monitor/DisputesPage')) },
  { path: '/monitor/editions', component: lazy(() => import('./pages/monitor/EditionsPage')) },
  { path: '/monitor/users', component: lazy(() => import('./pages/monitor/UsersPage')) },
  { path: '/monitor/bulletins', component: lazy(() => import('./pages/bulletin/MonitorBulletinsPage')) },
  { path: '/monitor/page-reports', component: lazy(() => import('./pages/monitor/PageReportsPage')) },
  { path: '/monitor/alerts', component: lazy(() => import('./pages/alerts/AlertRulesPage')) },
  { path: '/notifications', component: lazy(() => import('./pages/alerts/NotificationsPage')) },
  { path: '/profile', component: lazy(() => import('./pages/alerts/ProfilePage')) },
  { path: '/monitor/bulletins/:id', component: lazy(() => import('./pages/bulletin/IssueEditorPage')) },

  { path: '/agency', component: lazy(() => import('./pages/agency/MyOrganizationPage')) },
  { path: '/agency/recommendations', component: lazy(() => import('./pages/agency/RecommendationsPage')) },
  { path: '/agency/sla', component: lazy(() => import('./pages/agency/SlaPage')) },
  { path: '/agency/disputes', component: lazy(() => import('./pages/agency/DisputesPage')) },
  { path: '/agency/bulletins', component: lazy(() => import('./pages/bulletin/AgencyBulletinsPage')) },
  { path: '/agency/bulletins/:slug', component: lazy(() => import('./pages/bulletin/AgencyBulletinsPage').then((m) => ({ default: m.AgencyIssuePage }))) },

  { path: '/training', component: lazy(() => import('./pages/training/TraineeHomePage')) },
  { path: '/training/courses/:enrolmentId', component: lazy(() => import('./pages/training/TraineeCoursePage')) },
  { path: '/training/teach', component: lazy(() => import('./pages/training/TeachPage')) },
  { path: '/training/manage', component: lazy(() => import('./pages/training/ManagePage')) },
  { path: '/training/enrolments', component: lazy(() => import('./pages/training/EnrolmentsPage')) },

  { path: '*404', component: lazy(() => import('./pages/NotFoundPage')) },
];
