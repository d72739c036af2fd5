import { useMutation, useQueryClient } from '@tanstack/solid-query';
import { createSignal } from 'solid-js';
import { trpc, queries, invalidate } from '../../api/trpc';
import { t } from '../../i18n';
import { regionToday } from './files';
import { Form, Field, TextField, FormActions } from '../../components/Form';

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
    <Form aria-label={m().newSession} onSubmit={() => add.mutate()}>
      <div class="form-row">
        <TextField id={id('title')} label={m().sessionTitle} required maxLength={500} value={title()} onInput={setTitle} />
        <TextField id={id('day')} label={m().sessionDay} type="date" required value={day()} onInput={setDay} />
        <TextField id={id('time')} label={m().sessionTime} type="time" required value={time()} onInput={setTime} />
        <TextField id={id('hours')} label={m().hours} type="number" required min="0.5" max="24" step="0.5" value={hours()} onInput={setHours} />
        <Field id={id('mode')} label={m().sessionMode}>
          <select id={id('mode')} value={mode()} onChange={(e) => setMode(e.currentTarget.value as 'online' | 'offline')}>
            <option value="online">{m().modes.online}</option>
            <option value="offline">{m().modes.offline}</option>
          </select>
        </Field>
        <TextField
          id={id('where')}
          label={mode() === 'online' ? m().sessionLink : m().sessionPlace}
          type={mode() === 'online' ? 'url' : 'text'}
          required
          maxLength={2000}
          value={where()}
          onInput={setWhere}
        />
      </div>
      <FormActions label={m().addSession} pending={add.isPending} done={add.isSuccess && m().sessionAdded} error={add.error} />
    </Form>
  );
}
