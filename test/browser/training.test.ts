/// <reference lib="dom" />
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { applyForCohort, createCohort, createCourse, createUser, enrolTrainee, upsertTraineeProfile } from '@most/services';
import { ensureWebBuild, launchChromium, newPage, screenshot, seriousA11yViolations, signIn, startTestPlatform, TEST_PASSWORD, type TestPlatform } from './harness';

const HOUR = 3_600_000;

/** Every API answer with a 4xx/5xx status on a page, as "status method url". */
function watchFailures(page: Page): string[] {
  const failures: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failures.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  return failures;
}
/** Markup typed by a trainee must come back as the same characters, never as elements. */
const ANSWER = 'Разбор трёх комментариев жителей <b>без разметки</b>: ответили в течение 2 часов.';

describe('training journey in Chromium: submit, grade, attend, complete, download, verify, revoke', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let trainee: Page;
  let instructor: Page;
  let monitor: Page;
  let visitor: Page;
  let applicant: Page;
  let cohortId: number;
  let applicationId: number;
  let failures: { trainee: string[]; instructor: string[]; applicant: string[] };
  let enrolmentId: number;
  let dataDir: string;

  beforeAll(async () => {
    ensureWebBuild();
    // Uploaded coursework is stored under DATA_DIR; keep it out of the working tree.
    dataDir = await mkdtemp(join(tmpdir(), 'most-training-browser-'));
    [platform, browser] = await Promise.all([startTestPlatform({ env: { DATA_DIR: dataDir } }), launchChromium()]);
    const sql = platform.db.sql;
    const [organization] = await sql<{ code: string; short_name: string }[]>`SELECT code, short_name FROM organizations ORDER BY id LIMIT 1`;
    const password = TEST_PASSWORD;
    const label = { label: 'browser-test' };
    const monitorUser = await createUser(sql, { email: 'monitor@most.test', role: 'monitor', displayName: 'Мария Монитор', password }, label);
    await createUser(sql, { email: 'teacher@most.test', role: 'instructor', displayName: 'Игорь Преподаватель', password }, label);
    await createUser(sql, { email: 'spare@most.test', role: 'instructor', displayName: 'Вера Запасная', password }, label);
    const applicantUser = await createUser(sql, { email: 'applicant@most.test', role: 'trainee', displayName: 'Пётр Заявитель', password, organizationCode: organization!.code }, label);
    await createUser(sql, { email: 'colleague@most.test', role: 'trainee', displayName: 'Коллега Смирнова', password, organizationCode: organization!.code }, label);
    const student = await createUser(sql, { email: 'trainee@most.test', role: 'trainee', displayName: 'Нина Орлова', password, organizationCode: organization!.code }, label);
    const actor = { id: monitorUser.id, label: monitorUser.email };

    const course = await createCourse(
      sql,
      {
        title: 'Госпаблики: ответы жителям',
        kind: 'qualification_upgrade',
        totalHours: 16,
        modules: [{ title: 'Основы', hours: 16, lessons: [{ title: 'Закон о доступе к информации', contentMd: 'Текст урока' }] }],
        assignments: [{ title: 'Разбор комментариев', maxScore: 10, passScore: 6 }],
      },
      actor,
    );
    const now = Date.now();
    const day = (offset: number) => new Date(now + offset * 24 * HOUR).toISOString().slice(0, 10);
    const cohort = await createCohort(
      sql,
      {
        courseId: course.id,
        title: 'Поток 1',
        startsOn: day(-1),
        endsOn: day(30),
        formOfStudy: 'distance',
        capacity: 10,
        enrolmentOpensAt: new Date(now - 10 * 24 * HOUR),
        enrolmentClosesAt: new Date(now + 24 * HOUR),
        completionRule: { mode: 'all', conditions: [{ kind: 'required_assignments_passed' }, { kind: 'attendance_at_least', percent: 50 }] },
        // No instructor yet: the monitor attaches one from the cohort card.
        sessions: [
          { title: 'Вебинар: вводное занятие', startsAt: new Date(now - 5 * HOUR), hours: 2, mode: 'online', link: 'https://meet.example.org/1' },
          { title: 'Практикум: сложные вопросы', startsAt: new Date(now + 3 * 24 * HOUR), hours: 2, mode: 'offline', place: 'Саратов, ул. Московская, 72' },
        ],
      },
      actor,
    );
    cohortId = cohort.id;
    // The cohort started yesterday: enrolment starts the training with no further step.
    const enrolment = await enrolTrainee(sql, { cohortId, userId: student.id }, actor);
    expect(enrolment.state).toBe('active');
    enrolmentId = enrolment.id;
    applicationId = (await applyForCohort(sql, { cohortId, userId: applicantUser.id }, { id: applicantUser.id, label: applicantUser.email })).id;
    await upsertTraineeProfile(sql, student.id, { surname: 'Орлова', givenName: 'Нина', patronymic: 'Игоревна', snils: '112-233-445 95' }, actor);

    [trainee, instructor, monitor, visitor, applicant] = await Promise.all([newPage(browser), newPage(browser), newPage(browser), newPage(browser), newPage(browser)]);
    failures = { trainee: watchFailures(trainee), instructor: watchFailures(instructor), applicant: watchFailures(applicant) };
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('a monitor attaches an instructor from the cohort card (and detaches another); the instructor then sees the cohort', async () => {
    const monitorFailures = watchFailures(monitor);
    await signIn(monitor, platform.url, 'monitor@most.test');
    await monitor.goto(`${platform.url}/training/manage`);
    const card = monitor.getByTestId('cohort-card').filter({ hasText: 'Поток 1' });
    const instructors = card.getByTestId('cohort-instructors');
    await instructors.getByText('Преподаватели не назначены').waitFor();
    const picker = instructors.getByLabel('Преподаватель', { exact: true });
    for (const name of ['Игорь Преподаватель', 'Вера Запасная']) {
      await picker.selectOption({ label: `${name} (${name === 'Вера Запасная' ? 'spare' : 'teacher'}@most.test)` });
      await instructors.getByRole('button', { name: 'Назначить' }).click();
      await instructors.getByTestId('cohort-instructor').filter({ hasText: name }).waitFor();
    }
    await instructors.getByRole('button', { name: 'Снять с потока: Вера Запасная' }).click();
    await instructors.getByTestId('cohort-instructor').filter({ hasText: 'Вера Запасная' }).waitFor({ state: 'detached' });
    expect(await instructors.getByTestId('cohort-instructor').allTextContents()).toEqual([expect.stringContaining('Игорь Преподаватель')]);
    await screenshot(monitor, 'training-monitor-instructors');
    expect(monitorFailures).toEqual([]);

    await signIn(instructor, platform.url, 'teacher@most.test');
    await instructor.getByRole('navigation', { name: 'Основная навигация' }).getByRole('link', { name: 'Преподавание' }).click();
    await instructor.getByLabel('Поток', { exact: true }).waitFor();
    expect(await instructor.getByLabel('Поток', { exact: true }).textContent()).toContain('Госпаблики: ответы жителям — Поток 1');
    expect(await instructor.getByText('Потоков пока нет.').count()).toBe(0);
  });

  it('an applicant is told why answers cannot be sent yet instead of being offered a form that would be refused', async () => {
    await signIn(applicant, platform.url, 'applicant@most.test');
    await applicant.goto(`${platform.url}/training/courses/${applicationId}`);
    const closed = applicant.getByTestId('coursework-closed');
    await closed.waitFor();
    expect(await closed.textContent()).toContain('Заявка ещё не рассмотрена');
    await applicant.getByTestId('assignment').first().waitFor();
    expect(await applicant.getByRole('button', { name: 'Отправить на проверку' }).count()).toBe(0);
    expect(await applicant.getByLabel('Текст ответа').count()).toBe(0);
    await screenshot(applicant, 'training-applicant-closed');
    expect(failures.applicant).toEqual([]);
  });

  it('the trainee sees the course with its progress and upcoming session, and submits the assignment', async () => {
    await signIn(trainee, platform.url, 'trainee@most.test');
    await trainee.getByRole('navigation', { name: 'Основная навигация' }).getByRole('link', { name: 'Моё обучение' }).click();
    const card = trainee.getByTestId('my-course');
    await card.waitFor();
    expect(await card.textContent()).toContain('Госпаблики: ответы жителям');
    expect(await card.getByTestId('enrolment-state').textContent()).toContain('Обучается');
    expect(await card.locator('progress').getAttribute('value')).toBe('0');
    const upcoming = trainee.getByTestId('upcoming-sessions');
    await upcoming.waitFor();
    expect(await upcoming.textContent()).toContain('Практикум: сложные вопросы');
    expect(await upcoming.textContent()).toContain('Саратов, ул. Московская, 72');
    await screenshot(trainee, 'training-trainee-courses');

    await card.getByRole('link', { name: 'Задания' }).click();
    const assignment = trainee.getByTestId('assignment');
    await assignment.waitFor();
    await trainee.getByRole('heading', { level: 1, name: 'Задания курса «Госпаблики: ответы жителям»' }).waitFor();
    expect(await trainee.title()).toBe('Задания курса «Госпаблики: ответы жителям» — Цифровой мост');
    // The file picker speaks Russian whatever the browser's language.
    const answerFiles = assignment.getByLabel('Файлы (необязательно)');
    expect(await assignment.locator('.file-input').textContent()).toBe('Выбрать файлФайл не выбран');
    await answerFiles.focus();
    expect(await answerFiles.evaluate((input) => input === document.activeElement && (input as HTMLInputElement).type === 'file')).toBe(true);
    expect(await assignment.getByTestId('assignment-status').textContent()).toBe('Не сдано');
    await assignment.getByLabel('Текст ответа').fill(ANSWER);
    await assignment.getByRole('button', { name: 'Отправить на проверку' }).click();
    await assignment.getByTestId('assignment-status').filter({ hasText: 'На проверке' }).waitFor();
    const [stored] = await platform.db.sql<{ text_body: string }[]>`SELECT text_body FROM submissions WHERE enrolment_id = ${enrolmentId}`;
    expect(stored?.text_body).toBe(ANSWER);
    // The default deadline (a week after the start) is still ahead.
    expect(await assignment.getByTestId('coursework-closed').count()).toBe(0);
    await screenshot(trainee, 'training-trainee-submitted');
    expect(failures.trainee).toEqual([]);
  });

  it('the instructor grades the answer from the queue and marks attendance; the trainee completes', async () => {
    // The instructor opened the desk before the answer came in: a fresh visit shows it.
    await instructor.goto(`${platform.url}/training/teach?cohort=${cohortId}`);
    const item = instructor.getByTestId('grading-item');
    await item.waitFor();
    // The trainee's text is shown as text: the tags are visible characters, no <b> element is created.
    expect(await item.getByTestId('submission-text').textContent()).toBe(ANSWER);
    expect(await item.getByTestId('submission-text').locator('b').count()).toBe(0);
    await item.getByLabel('Оценка (из 10)').fill('9');
    await item.getByLabel('Отзыв преподавателя').fill('Хороший разбор, ответы вежливые и по делу.');
    await screenshot(instructor, 'training-instructor-grading');
    await item.getByRole('button', { name: 'Сохранить оценку' }).click();
    await instructor.getByText('Все ответы проверены.').waitFor();

    const sheet = instructor.getByTestId('attendance-sheet');
    await sheet.waitFor();
    const picker = instructor.getByLabel('Занятие', { exact: true });
    const webinar = await picker.locator('option', { hasText: 'Вебинар: вводное занятие' }).getAttribute('value');
    await picker.selectOption(webinar!);
    const row = sheet.getByTestId('attendance-row').filter({ hasText: 'Орлова' });
    await row.getByLabel('Присутствовал').check();
    await sheet.getByRole('button', { name: 'Сохранить посещаемость' }).click();
    await instructor.getByText('Посещаемость сохранена.').waitFor();

    const progress = instructor.getByTestId('cohort-progress').getByTestId('progress-row').filter({ hasText: 'Орлова' });
    await progress.getByTestId('progress-state').filter({ hasText: 'Завершил обучение' }).waitFor();
    await screenshot(instructor, 'training-instructor-progress');
    const [enrolment] = await platform.db.sql<{ state: string }[]>`SELECT state FROM enrolments WHERE id = ${enrolmentId}`;
    expect(enrolment?.state).toBe('completed');

    await trainee.goto(`${platform.url}/training/courses/${enrolmentId}`);
    await trainee.getByTestId('assignment-status').filter({ hasText: 'Зачтено' }).waitFor();
    expect(await trainee.getByTestId('assignment-feedback').textContent()).toBe('Хороший разбор, ответы вежливые и по делу.');
    expect(await trainee.getByTestId('assignment-score').textContent()).toBe('9');
    expect(failures.instructor).toEqual([]);
    expect(failures.trainee).toEqual([]);
  });

  it('the instructor issues the document, the trainee downloads the PDF and anyone can verify it until a monitor revokes it', async () => {
    const issueList = instructor.getByTestId('issue-list');
    await issueList.waitFor();
    await issueList.getByRole('button', { name: 'Выдать' }).click();
    const issued = instructor.getByTestId('certificate-row');
    await issued.getByTestId('certificate-status').filter({ hasText: 'Действителен' }).waitFor();
    expect(await issued.textContent()).toContain('Орлова Нина Игоревна');
    // Revocation is the monitors' decision: not offered to the instructor.
    expect(await issued.getByRole('button', { name: 'Отозвать…' }).count()).toBe(0);
    await screenshot(instructor, 'training-instructor-certificate');
    expect(failures.instructor).toEqual([]);
    await monitor.goto(`${platform.url}/training/teach?cohort=${cohortId}`);
    const certificateRow = monitor.getByTestId('certificate-row');
    await certificateRow.getByTestId('certificate-status').filter({ hasText: 'Действителен' }).waitFor();
    const [certificate] = await platform.db.sql<{ verification_code: string; series: string; number: string }[]>`
      SELECT c.verification_code, c.series, c.number FROM certificates c WHERE c.enrolment_id = ${enrolmentId}`;
    expect(certificate).toBeDefined();

    await trainee.goto(`${platform.url}/training`);
    const card = trainee.getByTestId('my-course');
    await card.getByTestId('enrolment-state').filter({ hasText: 'Завершил обучение' }).waitFor();
    expect(await card.locator('progress').getAttribute('value')).toBe('100');
    const [download] = await Promise.all([trainee.waitForEvent('download'), card.getByRole('button', { name: 'Скачать документ (PDF)' }).click()]);
    expect(download.suggestedFilename()).toBe(`${certificate!.series}-${certificate!.number}.pdf`);
    const pdfPath = join(dataDir, 'downloaded-certificate.pdf');
    await download.saveAs(pdfPath);
    const pdf = await readFile(pdfPath);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(1000);
    await screenshot(trainee, 'training-trainee-completed');
    expect(failures.trainee).toEqual([]);

    const verifyUrl = `${platform.url}/verify/${certificate!.verification_code}`;
    await visitor.goto(verifyUrl);
    expect(await visitor.locator('[data-status]').getAttribute('data-status')).toBe('valid');
    expect(await visitor.locator('main').textContent()).toContain('Орлова Нина Игоревна');
    await screenshot(visitor, 'training-verify-valid');

    await certificateRow.getByRole('button', { name: 'Отозвать…' }).click();
    await certificateRow.getByLabel('Причина отзыва').fill('Ошибка в дате выдачи');
    await certificateRow.getByRole('button', { name: 'Отозвать', exact: true }).click();
    await certificateRow.getByTestId('certificate-status').filter({ hasText: 'Отозван' }).waitFor();

    await visitor.goto(verifyUrl);
    expect(await visitor.locator('[data-status]').getAttribute('data-status')).toBe('revoked');
    expect(await visitor.locator('main').textContent()).toContain('Ошибка в дате выдачи');
    await screenshot(visitor, 'training-verify-revoked');
  });

  it('a monitor sees why a programme below the legal minimum of hours is refused', async () => {
    await monitor.goto(`${platform.url}/training/manage`);
    await monitor.getByLabel('Название', { exact: true }).fill('Слишком короткий курс');
    await monitor.getByLabel('Объём, часов').fill('8');
    await monitor.getByText('Не меньше 16 ч для этого вида программы.').waitFor();
    await monitor.getByRole('button', { name: 'Создать программу' }).click();
    await monitor.getByRole('alert').filter({ hasText: 'не менее 16 ч (указано 8 ч)' }).waitFor();
    const [count] = await platform.db.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM courses WHERE title = 'Слишком короткий курс'`;
    expect(count?.n).toBe(0);
    await screenshot(monitor, 'training-monitor-course-hours');
  });

  it('exports ФИС ФРДО with the per-row problems instead of a file the registry would reject', async () => {
    await monitor.goto(`${platform.url}/training/teach?cohort=${cohortId}`);
    await monitor.getByTestId('issue-list').getByRole('button', { name: 'Выдать' }).click();
    await monitor.getByTestId('certificate-status').filter({ hasText: 'Действителен' }).waitFor();

    await instructor.reload();
    await instructor.getByRole('button', { name: 'Сформировать XLSX' }).click();
    const problems = instructor.getByTestId('frdo-problems');
    await problems.waitFor();
    // The trainee's profile lacks the birth date and sex the registry requires.
    expect(await problems.textContent()).toContain('Дата рождения получателя');
    expect(await problems.textContent()).toContain('Пол получателя');
    expect(await problems.textContent()).toContain('Орлова Нина Игоревна');
    expect(await problems.textContent()).toContain('строка 2, столбец 25');
    await screenshot(instructor, 'training-instructor-frdo-problems');

    // The trainee completes their data in the template's own wording; the export then succeeds.
    await trainee.goto(`${platform.url}/training`);
    const profile = trainee.getByTestId('profile-form');
    // The form shows what is stored (the monitor entered the name and СНИЛС).
    await expect.poll(() => profile.getByLabel('Фамилия', { exact: true }).inputValue(), { timeout: 30_000 }).toBe('Орлова');
    await profile.getByLabel('Дата рождения').fill('1991-05-14');
    await profile.getByLabel('Пол').selectOption({ label: 'Женский' });
    await profile.getByLabel('Уровень образования ВО/СПО').selectOption({ label: 'Высшее образование' });
    await profile.getByLabel('Фамилия указанная в дипломе о ВО или СПО').fill('Орлова');
    await profile.getByLabel('Номер документа о ВО/СПО').fill('0123456');
    await profile.getByRole('button', { name: 'Сохранить данные' }).click();
    await profile.getByText('Данные сохранены.').waitFor();
    expect(failures.trainee).toEqual([]);
    await instructor.getByRole('button', { name: 'Сформировать XLSX' }).click();
    await instructor.getByTestId('frdo-report').getByText('Файл сформирован: строк — 1.').waitFor();
    expect(failures.instructor).toEqual([]);
  });

  it('a monitor enrols from a CSV (errors by line, nothing written), then moves a trainee with a reason', async () => {
    await monitor.goto(`${platform.url}/training/enrolments?cohort=${cohortId}`);
    const [organization] = await platform.db.sql<{ code: string }[]>`SELECT code FROM organizations ORDER BY id LIMIT 1`;
    const csv = `email;фамилия;имя;организация\nnew1@most.test;Лебедев;Антон;${organization!.code}\nне-почта;Зайцева;Ольга;${organization!.code}\n`;
    const fileInput = monitor.getByLabel('Файл со списком');
    await fileInput.setInputFiles({ name: 'list.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    expect(await monitor.locator('#bulk-enrol-file-chosen').textContent()).toBe('list.csv');
    await monitor.getByRole('button', { name: 'Загрузить' }).click();
    const errors = monitor.getByTestId('enrol-errors');
    await errors.waitFor();
    expect(await errors.locator('tbody tr').count()).toBe(1);
    expect(await errors.locator('tbody tr td').first().textContent()).toBe('3');
    const [none] = await platform.db.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM users WHERE email = 'new1@most.test'`;
    expect(none?.n).toBe(0);
    await screenshot(monitor, 'training-monitor-enrol-errors');

    await fileInput.setInputFiles({ name: 'list.csv', mimeType: 'text/csv', buffer: Buffer.from(`${csv.split('\n').slice(0, 2).join('\n')}\n`) });
    await monitor.getByRole('button', { name: 'Загрузить' }).click();
    await monitor.getByText('Зачислено: 1, новых учётных записей: 1.').waitFor();
    const row = monitor.getByTestId('enrolment-row').filter({ hasText: 'new1@most.test' });
    // The cohort is running: the new trainee studies at once.
    await row.getByTestId('enrolment-state').filter({ hasText: 'Обучается' }).waitFor();

    await row.getByLabel('Перевести в').selectOption('withdrawn');
    await row.getByLabel('Причина (обязательно)').fill('Перешёл на другую работу');
    await row.getByRole('button', { name: 'Применить' }).click();
    await row.getByTestId('enrolment-state').filter({ hasText: 'Перешёл на другую работу' }).waitFor();
    const [moved] = await platform.db.sql<{ state: string; state_reason: string }[]>`
      SELECT e.state, e.state_reason FROM enrolments e JOIN users u ON u.id = e.user_id WHERE u.email = 'new1@most.test'`;
    expect(moved).toEqual({ state: 'withdrawn', state_reason: 'Перешёл на другую работу' });
    await screenshot(monitor, 'training-monitor-enrolments');
  });

  it('a monitor enrols a registered person and the organization, both picked by name', async () => {
    const monitorFailures = watchFailures(monitor);
    await monitor.goto(`${platform.url}/training/enrolments?cohort=${cohortId}`);
    const [organization] = await platform.db.sql<{ id: number; short_name: string }[]>`SELECT id, short_name FROM organizations ORDER BY id LIMIT 1`;
    const form = monitor.getByRole('form', { name: 'Зачислить слушателя' });
    await form.getByLabel('Поиск по имени или e-mail').fill('Смирнова');
    const person = form.getByLabel('Уже зарегистрированный слушатель');
    await person.locator('option', { hasText: 'colleague@most.test' }).waitFor({ state: 'attached' });
    await person.selectOption({ label: `Коллега Смирнова (colleague@most.test, ${organization!.short_name})` });
    await form.getByLabel('Поиск организации по названию').fill(organization!.short_name);
    const choice = form.getByLabel('Организация', { exact: true });
    await choice.locator(`option[value="${organization!.id}"]`).waitFor({ state: 'attached' });
    await choice.selectOption(String(organization!.id));
    await form.getByRole('button', { name: 'Зачислить' }).click();
    const row = monitor.getByTestId('enrolment-row').filter({ hasText: 'colleague@most.test' });
    await row.getByTestId('enrolment-state').filter({ hasText: 'Обучается' }).waitFor();
    expect(await row.textContent()).toContain(organization!.short_name);
    await screenshot(monitor, 'training-monitor-enrol-picker');
    expect(monitorFailures).toEqual([]);
  });

  it('the training pages have no serious or critical accessibility violations', async () => {
    const pages: [Page, string][] = [
      [trainee, '/training'],
      [trainee, `/training/courses/${enrolmentId}`],
      [instructor, `/training/teach?cohort=${cohortId}`],
      [monitor, '/training/manage'],
      [monitor, `/training/enrolments?cohort=${cohortId}`],
      [applicant, `/training/courses/${applicationId}`],
    ];
    for (const [page, path] of pages) {
      await page.goto(`${platform.url}${path}`);
      await page.locator('main h1').waitFor();
      await page.locator('main [role="status"][aria-live]').first().waitFor({ state: 'detached' });
      expect(await seriousA11yViolations(page), path).toEqual([]);
    }
  });
});
