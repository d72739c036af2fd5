import { useMutation, useQueryClient } from '@tanstack/solid-query';
import { createSignal, Show } from 'solid-js';
import { trpc, queries, invalidate } from '../../api/trpc';
import { MutationError } from '../../components/MutationError';
import { t } from '../../i18n';
import { regionToday } from './files';

/** One class of a cohort: online with a link or offline with a place. Times are typed in Saratov time. */
export function SessionForm(props: { cohortId: number }) {
  const client = useQueryClient();
  const [title, setTitle] = createSignal('');
  const [day, setDay] = createSignal(regionToday());
  const [time, setTime] = createSignal('10:00');
  const [hours, setHours] = createSignal('2');
  const [mode, setMode] = createSignal<'online' | 'offline'>('online');
  const [where, setWhere] = createSignal('');
  const add = useMutation(() => ({
    mutationFn: () =>
      trpc.training.monitor.addSession.mutate({
        cohortId: props.cohortId,
        session: {
          title: title(),
          startsAt: `${day()}T${time()}:00+04:00`,
          hours: Number(hours()),
          mode: mode(),
          link: mode() === 'online' ? where() : null,
          place: mode() === 'offline' ? where() : null,
        },
      }),
    onSuccess: () => {
      setTitle('');
      setWhere('');
      invalidate(client, queries.training.instructor.sessions.queryKey());
    },
  }));
  const m = () => t().training;
  const id = (suffix: string) => `session-${props.cohortId}-${suffix}`;

  return (
    <form
      aria-label={m().newSession}
      onSubmit={(event) => {
        event.preventDefault();
        add.mutate();
      }}
    >
      <div class="form-row">
        <div class="field">
          <label for={id('title')}>{m().sessionTitle}</label>
          <input id={id('title')} required maxLength={500} value={title()} onInput={(e) => setTitle(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for={id('day')}>{m().sessionDay}</label>
          <input id={id('day')} type="date" required value={day()} onInput={(e) => setDay(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for={id('time')}>{m().sessionTime}</label>
          <input id={id('time')} type="time" required value={time()} onInput={(e) => setTime(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for={id('hours')}>{m().hours}</label>
          <input id={id('hours')} type="number" required min="0.5" max="24" step="0.5" value={hours()} onInput={(e) => setHours(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for={id('mode')}>{m().sessionMode}</label>
          <select id={id('mode')} value={mode()} onChange={(e) => setMode(e.currentTarget.value as 'online' | 'offline')}>
            <option value="online">{m().modes.online}</option>
            <option value="offline">{m().modes.offline}</option>
          </select>
        </div>
        <div class="field">
          <label for={id('where')}>{mode() === 'online' ? m().sessionLink : m().sessionPlace}</label>
          <input id={id('where')} type={mode() === 'online' ? 'url' : 'text'} required maxLength={2000} value={where()} onInput={(e) => setWhere(e.currentTarget.value)} />
        </div>
      </div>
      <button type="submit" disabled={add.isPending}>
        {m().addSession}
      </button>
      <Show when={add.isSuccess}>
        <p class="notice notice--ok" role="status">
          {m().sessionAdded}
        </p>
      </Show>
      <MutationError error={add.error} />
    </form>
  );
}
