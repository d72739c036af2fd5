import { A } from '@solidjs/router';
import { ACCESS } from '@most/domain/access';
import { Match, Switch, type JSX } from 'solid-js';
import { t } from '../i18n';
import { user, type Role } from '../session';
import { Loading } from './State';

/** Shows its children to the given roles only; the API enforces the same rules, this just explains them. */
export function RequireRole(props: { roles: Role[]; children: JSX.Element }) {
  return (
    <Switch>
      <Match when={user() === undefined}>
        <Loading />
      </Match>
      <Match when={user() === null}>
        <div class="state">
          <p>{t().guard.needLogin}</p>
          <A href="/login" class="button">
            {t().nav.login}
          </A>
        </div>
      </Match>
      <Match when={!props.roles.includes(user()!.role)}>
        <p class="state">{t().guard.forbidden}</p>
      </Match>
      <Match when={true}>{props.children}</Match>
    </Switch>
  );
}

export const MONITOR_ROLES: Role[] = [...ACCESS.monitoring];
export const AGENCY_ROLES: Role[] = [...ACCESS.agency];
export const ALERT_ROLES: Role[] = [...ACCESS.alerts];
