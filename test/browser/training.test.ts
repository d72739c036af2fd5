/// <reference lib="dom" />
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { changeEnrolmentState, createCohort, createCourse, createUser, enrolTrainee, upsertTraineeProfile } from '@most/db';
import { ensureWebBuild, launchChromium, newPage, screenshot, seriousA11yViolations, signIn, startTestPlatform, TEST_PASSWORD, type TestPlatform } from './harness';

const HOUR = 3_600_000;
/** Markup typed by a trainee must come back as the same characters, never as elements. */
const ANSWER = 'Разбор трёх комментариев жителей <b>без разметки</b>: ответили в течение 2 часов.';

describe('training journey in Chromium: submit, grade, attend, complete, download, verify, revoke', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let trainee: Page;
  let instructor: Page;
  let monitor: Page;
  let visitor: Page;
  let cohortId: number;
  let enrolmentId: number;
  let dataDir: string;
  const previousDataDir = process.env.DATA_DIR;

  beforeAll(async () => {
    ensureWebBuild();
    // Uploaded coursework is stored under DATA_DIR; keep it out of the working tree.
    dataDir = await mkdtemp(join(tmpdir(), 'most-training-browser-'));
    process.env.DATA_DIR = dataDir;
    [platform, browser] = await Promise.all([startTestPlatform(), launchChromium()]);
    const sql = platform.db.sql;
    const [organization] = await sql<{ code: string }[]>`SELECT code FROM organizations ORDER BY id LIMIT 1`;
    const password = TEST_PASSWORD;
    const label = { label: 'browser-test' };
    const monitorUser = await createUser(sql, { email: 'monitor@most.test', role: 'monitor', displayName: 'Мария Монитор', password }, label);
    const teacher = await createUser(sql, { email: 'teacher@most.test', role: 'instructor', displayName: 'Игорь Преподаватель', password }, label);
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
        instructorIds: [teacher.id],
        sessions: [
          { title: 'Вебинар: вводное занятие', startsAt: new Date(now - 5 * HOUR), hours: 2, mode: 'online', link: 'https://meet.example.org/1' },
          { title: 'Практикум: сложные вопросы', startsAt: new Date(now + 3 * 24 * HOUR), hours: 2, mode: 'offline', place: 'Саратов, ул. Московская, 72' },
        ],
      },
      actor,
    );
    cohortId = cohort.id;
    const enrolment = await enrolTrainee(sql, { cohortId, userId: student.id }, actor);
    enrolmentId = enrolment.id;
    await changeEnrolmentState(sql, enrolmentId, { to: 'active' }, actor);
    await upsertTraineeProfile(sql, student.id, { surname: 'Орлова', givenName: 'Нина', patronymic: 'Игоревна', snils: '112-233-445 95' }, actor);

    [trainee, instructor, monitor, visitor] = await Promise.all([newPage(browser), newPage(browser), newPage(browser), newPage(browser)]);
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
    if (previousDataDir === undefined) delete process.env.DATA_DIR;
    else process.env.DATA_DIR = previousDataDir;
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
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
    expect(await assignment.getByTestId('assignment-status').textContent()).toBe('Не сдано');
    await assignment.getByLabel('Текст ответа').fill(ANSWER);
    await assignment.getByRole('button', { name: 'Отправить на проверку' }).click();
    await assignment.getByTestId('assignment-status').filter({ hasText: 'На проверке' }).waitFor();
    const [stored] = await platform.db.sql<{ text_body: string }[]>`SELECT text_body FROM submissions WHERE enrolment_id = ${enrolmentId}`;
    expect(stored?.text_body).toBe(ANSWER);
    await screenshot(trainee, 'training-trainee-submitted');
  });

  it('the instructor grades the answer from the queue and marks attendance; the trainee completes', async () => {
    await signIn(instructor, platform.url, 'teacher@most.test');
    await instructor.getByRole('navigation', { name: 'Основная навигация' }).getByRole('link', { name: 'Преподавание' }).click();
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
  });

  it('a monitor issues the document, the trainee downloads the PDF and anyone can verify it until it is revoked', async () => {
    await signIn(monitor, platform.url, 'monitor@most.test');
    await monitor.goto(`${platform.url}/training/teach?cohort=${cohortId}`);
    const issueList = monitor.getByTestId('issue-list');
    await issueList.waitFor();
    await issueList.getByRole('button', { name: 'Выдать' }).click();
    const certificateRow = monitor.getByTestId('certificate-row');
    await certificateRow.getByTestId('certificate-status').filter({ hasText: 'Действителен' }).waitFor();
    expect(await certificateRow.textContent()).toContain('Орлова Нина Игоревна');
    await screenshot(monitor, 'training-monitor-certificate');
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
    await screenshot(instructor, 'training-instructor-frdo-problems');
  });

  it('a monitor enrols from a CSV (errors by line, nothing written), then moves a trainee with a reason', async () => {
    await monitor.goto(`${platform.url}/training/enrolments?cohort=${cohortId}`);
    const [organization] = await platform.db.sql<{ code: string }[]>`SELECT code FROM organizations ORDER BY id LIMIT 1`;
    const csv = `email;фамилия;имя;организация\nnew1@most.test;Лебедев;Антон;${organization!.code}\nне-почта;Зайцева;Ольга;${organization!.code}\n`;
    const fileInput = monitor.getByLabel('Файл со списком');
    await fileInput.setInputFiles({ name: 'list.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await monitor.getByRole('button', { name: 'Загрузить' }).click();
    const errors = monitor.getByTestId('enrol-errors');
    await errors.waitFor();
    expect(await errors.locator('tbody tr').count()).toBe(1);
    expect(await errors.locator('tbody tr td').first().textContent()).toBe('3');
    const [none] = await platform.db.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM users WHERE email = 'new1@most.test'`;
    expect(none?.n).toBe(0);
    await screenshot(monitor, 'training-monitor-enrol-errors');

    await fileInput.setInputFiles({ name: 'list.csv', mimeType: 'text/csv', buffer: Buffer.from(csv.split('\n').slice(0, 2).join('\n') + '\n') });
    await monitor.getByRole('button', { name: 'Загрузить' }).click();
    await monitor.getByText('Зачислено: 1, новых учётных записей: 1.').waitFor();
    const row = monitor.getByTestId('enrolment-row').filter({ hasText: 'new1@most.test' });
    await row.getByTestId('enrolment-state').filter({ hasText: 'Зачислен' }).waitFor();

    await row.getByLabel('Перевести в').selectOption('withdrawn');
    await row.getByLabel('Причина (обязательно)').fill('Перешёл на другую работу');
    await row.getByRole('button', { name: 'Применить' }).click();
    await row.getByTestId('enrolment-state').filter({ hasText: 'Перешёл на другую работу' }).waitFor();
    const [moved] = await platform.db.sql<{ state: string; state_reason: string }[]>`
      SELECT e.state, e.state_reason FROM enrolments e JOIN users u ON u.id = e.user_id WHERE u.email = 'new1@most.test'`;
    expect(moved).toEqual({ state: 'withdrawn', state_reason: 'Перешёл на другую работу' });
    await screenshot(monitor, 'training-monitor-enrolments');
  });

  it('the training pages have no serious or critical accessibility violations', async () => {
    const pages: [Page, string][] = [
      [trainee, '/training'],
      [trainee, `/training/courses/${enrolmentId}`],
      [instructor, `/training/teach?cohort=${cohortId}`],
      [monitor, '/training/manage'],
      [monitor, `/training/enrolments?cohort=${cohortId}`],
    ];
    for (const [page, path] of pages) {
      await page.goto(`${platform.url}${path}`);
      await page.locator('main h1').waitFor();
      await page.locator('main [role="status"][aria-live]').first().waitFor({ state: 'detached' });
      expect(await seriousA11yViolations(page), path).toEqual([]);
    }
  });
});
