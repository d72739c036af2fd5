import { useMutation, useQuery, useQueryClient } from '@tanstack/solid-query';
import { createEffect, createSignal, For, Show } from 'solid-js';
import { trpc, queries, invalidate } from '../../api/trpc';
import { t } from '../../i18n';
import { Form, Field, FormActions } from '../../components/Form';

const LEVELS = ['higher', 'secondary_vocational', 'certificate', 'experience', 'frdo_rule_1'] as const;
type Level = (typeof LEVELS)[number];
/** ВО and СПО need the diploma's surname, series and number (ФИС ФРДО columns 16–18). */
const DIPLOMA_LEVELS = new Set<Level>(['higher', 'secondary_vocational']);

/** The trainee's own data for the document and the ФИС ФРДО row, in the template's wording. */
export function ProfileForm() {
  const client = useQueryClient();
  const profile = useQuery(() => queries.training.trainee.myProfile.queryOptions());
  const [v, setV] = createSignal({
    surname: '',
    givenName: '',
    patronymic: '',
    birthDate: '',
    sex: '' as '' | 'male' | 'female',
    snils: '',
    citizenship: '643',
    educationLevel: '' as '' | Level,
    diplomaSurname: '',
    diplomaSeries: '',
    diplomaNumber: '',
    jobTitle: '',
  });
  createEffect(() => {
    const p = profile.data;
    if (!p) return;
    setV({
      surname: p.surname,
      givenName: p.givenName,
      patronymic: p.patronymic ?? '',
      birthDate: p.birthDate ?? '',
      sex: p.sex ?? '',
      snils: p.snils ?? '',
      citizenship: p.citizenship,
      educationLevel: p.educationLevel ?? '',
      diplomaSurname: p.diplomaSurname ?? '',
      diplomaSeries: p.diplomaSeries ?? '',
      diplomaNumber: p.diplomaNumber ?? '',
      jobTitle: p.jobTitle ?? '',
    });
  });
  const set = (key: keyof ReturnType<typeof v>) => (e: { currentTarget: { value: string } }) => setV({ ...v(), [key]: e.currentTarget.value });
  const save = useMutation(() => ({
    mutationFn: () => {
      const x = v();
      const needsDiploma = x.educationLevel !== '' && DIPLOMA_LEVELS.has(x.educationLevel);
      return trpc.training.trainee.saveMyProfile.mutate({
        surname: x.surname,
        givenName: x.givenName,
        patronymic: x.patronymic || null,
        birthDate: x.birthDate || null,
        sex: x.sex || null,
        snils: x.snils || null,
        citizenship: x.citizenship,
        educationLevel: x.educationLevel || null,
        diplomaSurname: needsDiploma ? x.diplomaSurname || null : null,
        diplomaSeries: needsDiploma ? x.diplomaSeries || null : null,
        diplomaNumber: needsDiploma ? x.diplomaNumber || null : null,
        jobTitle: x.jobTitle || null,
      });
    },
    onSuccess: () => invalidate(client, queries.training.trainee.myProfile.queryKey()),
  }));
  const m = () => t().training;
  const text = (id: string, key: keyof ReturnType<typeof v>, label: string, extra: { required?: boolean; type?: string; maxLength?: number; hint?: string } = {}) => (
    <div class="field">
      <label for={`profile-${id}`}>{label}</label>
      <input
        id={`profile-${id}`}
        type={extra.type ?? 'text'}
        required={extra.required}
        maxLength={extra.maxLength ?? 200}
        aria-describedby={extra.hint ? `profile-${id}-hint` : undefined}
        value={v()[key]}
        onInput={set(key)}
      />
      <Show when={extra.hint}>
        <p id={`profile-${id}-hint`} class="muted">
          {extra.hint}
        </p>
      </Show>
    </div>
  );
  return (
    <Form class="card" aria-labelledby="profile-title" data-testid="profile-form" onSubmit={() => save.mutate()}>
      <h2 id="profile-title">{m().profileTitle}</h2>
      <p class="muted">{m().profileHint}</p>
      <div class="form-row">
        {text('surname', 'surname', m().surname, { required: true })}
        {text('given', 'givenName', m().givenName, { required: true })}
        {text('patronymic', 'patronymic', m().patronymic)}
      </div>
      <div class="form-row">
        {text('birth', 'birthDate', m().birthDate, { type: 'date' })}
        <Field id="profile-sex" label={m().sex}>
          <select id="profile-sex" value={v().sex} onChange={set('sex')}>
            <option value="">{m().notChosen}</option>
            <option value="male">{m().sexes.male}</option>
            <option value="female">{m().sexes.female}</option>
          </select>
        </Field>
        {text('snils', 'snils', m().snils, { maxLength: 14 })}
        {text('citizenship', 'citizenship', m().citizenship, { required: true, maxLength: 3, hint: m().citizenshipHint })}
      </div>
      <div class="form-row">
        <Field id="profile-level" label={m().educationLevel}>
          <select id="profile-level" value={v().educationLevel} onChange={set('educationLevel')}>
            <option value="">{m().notChosen}</option>
            <For each={LEVELS}>{(level) => <option value={level}>{m().educationLevels[level]}</option>}</For>
          </select>
        </Field>
        {text('job', 'jobTitle', m().jobTitle, { maxLength: 300 })}
      </div>
      <Show when={v().educationLevel !== '' && DIPLOMA_LEVELS.has(v().educationLevel as Level)}>
        <div class="form-row">
          {text('diploma-surname', 'diplomaSurname', m().diplomaSurname, { required: true })}
          {text('diploma-series', 'diplomaSeries', m().diplomaSeries, { maxLength: 50 })}
          {text('diploma-number', 'diplomaNumber', m().diplomaNumber, { required: true, maxLength: 50 })}
        </div>
      </Show>
      <FormActions label={m().saveProfile} pending={save.isPending} done={save.isSuccess && m().profileSaved} error={save.error} />
    </Form>
  );
}
