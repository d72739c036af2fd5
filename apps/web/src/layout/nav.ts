import { mayUse, type AccessArea } from '@most/domain/access';
import { t } from '../i18n';
import type { Role } from '../session';

export interface NavLink {
  href: string;
  text: () => string;
  end?: boolean;
  /** Who may use the page, by the same role lists the API enforces; absent: everyone. */
  area?: AccessArea;
}

export interface NavGroup {
  label?: () => string;
  links: NavLink[];
}

/** Every page the navigation can offer, grouped as the header shows them. */
export const NAV_GROUPS: NavGroup[] = [
  {
    links: [
      { href: '/', text: () => t().nav.ranking, end: true },
      { href: '/methodology', text: () => t().nav.methodology },
      { href: '/check', text: () => t().nav.check },
      { href: '/embed', text: () => t().nav.embed },
      { href: '/bulletins', text: () => t().bulletin.navArchive },
    ],
  },
  {
    label: () => t().nav.monitor,
    links: [
      { href: '/monitor/registry', text: () => t().nav.registry, area: 'monitoring' },
      { href: '/monitor/import', text: () => t().nav.import, area: 'monitoring' },
      { href: '/monitor/crawl', text: () => t().nav.crawl, area: 'monitoring' },
      { href: '/monitor/review', text: () => t().nav.review, area: 'monitoring' },
      { href: '/monitor/scoring', text: () => t().nav.scoring, area: 'monitoring' },
      { href: '/monitor/disputes', text: () => t().nav.disputes, area: 'monitoring' },
      { href: '/monitor/editions', text: () => t().nav.editions, area: 'monitoring' },
      { href: '/monitor/users', text: () => t().nav.users, area: 'administration' },
      { href: '/monitor/bulletins', text: () => t().bulletin.navMonitor, area: 'monitoring' },
      { href: '/monitor/alerts', text: () => t().alerts.monitorNav, area: 'monitoring' },
      { href: '/monitor/page-reports', text: () => t().pageReports.nav, area: 'monitoring' },
    ],
  },
  {
    label: () => t().nav.agency,
    links: [
      { href: '/agency', text: () => t().nav.myScores, end: true, area: 'agency' },
      { href: '/agency/recommendations', text: () => t().nav.recommendations, area: 'agency' },
      { href: '/agency/sla', text: () => t().nav.sla, area: 'agency' },
      { href: '/agency/disputes', text: () => t().nav.myDisputes, area: 'agency' },
      { href: '/agency/bulletins', text: () => t().bulletin.navMine, area: 'agency' },
    ],
  },
  {
    label: () => t().training.navGroup,
    links: [
      { href: '/training', text: () => t().training.navMyLearning, end: true, area: 'learning' },
      { href: '/training/teach', text: () => t().training.navTeach, area: 'teaching' },
      { href: '/training/manage', text: () => t().training.navManage, area: 'monitoring' },
      { href: '/training/enrolments', text: () => t().training.navEnrolments, end: true, area: 'monitoring' },
    ],
  },
];

/** The groups and links this role may use (signed out: the public ones only). */
export function navFor(role: Role | null | undefined): NavGroup[] {
  return NAV_GROUPS.map((group) => ({ ...group, links: group.links.filter((link) => !link.area || mayUse(role, link.area)) })).filter((group) => group.links.length > 0);
}

/** Where each role lands after signing in: the first screen of its own work. */
export function homeFor(role: Role): string {
  if (mayUse(role, 'monitoring')) return '/monitor/review';
  if (mayUse(role, 'agency')) return '/agency';
  if (role === 'instructor') return '/training/teach';
  if (mayUse(role, 'learning')) return '/training';
  return '/';
}
