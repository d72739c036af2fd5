import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from '@most/shared/testing';
import { AppError } from '@most/shared';
import { createTestQueueBackend } from '@most/queue/testing';
import { createTestApp, useAppServices } from './test-support/app';

describe('HTTP app', () => {
  const { db, queue } = useAppServices();
  const webDir = useTempDir('most-web-');
  beforeAll(async () => {
    await mkdir(join(webDir.path, 'assets'));
    await writeFile(join(webDir.path, 'index.html'), '<!doctype html><title>Цифровой мост</title>');
    await writeFile(join(webDir.path, 'assets', 'app.js'), 'console.log(1)');
  });

  const app = () => {
    const instance = createTestApp({ sql: db.sql, queue, webDistDir: webDir.path });
    instance.get('/api/boom/app-error', () => {
      throw new AppError('FORBIDDEN', 'Нет доступа', { details: { field: 'x' } });
    });
    instance.get('/api/boom/crash', () => {
      throw new Error('secret internal detail');
    });
    return instance;
  };

  it('reports database and queue health with a request id', async () => {
    const response = await app().request('/healthz');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toMatch(/[0-9a-f-]{36}/);
    expect(await response.json()).toEqual({ ok: true, database: { ok: true, mode: 'external' }, queue: { ok: true, kind: 'redis' } });
  });

  it('answers 503 when a dependency is down', async () => {
    const broken = createTestQueueBackend('redis', db.url);
    const closed = await broken;
    await closed.close();
    const instance = createTestApp({ sql: db.sql, queue: closed });
    const response = await instance.request('/healthz');
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ ok: false, queue: { ok: false } });
  });

  it('maps AppError once and hides internal errors', async () => {
    const forbidden = await app().request('/api/boom/app-error');
    expect(forbidden.status).toBe(403);
    const body = (await forbidden.json()) as { error: { code: string; message: string; requestId: string } };
    expect(body.error).toMatchObject({ code: 'FORBIDDEN', message: 'Нет доступа', details: { field: 'x' } });
    expect(body.error.requestId).toBe(forbidden.headers.get('x-request-id'));

    const crash = await app().request('/api/boom/crash');
    expect(crash.status).toBe(500);
    const text = await crash.text();
    expect(text).not.toContain('secret internal detail');
    expect(text).not.toContain('at ');
  });

  it('serves the dashboard for app routes and JSON 404 for unknown API paths', async () => {
    const page = await app().request('/rankings/latest');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Цифровой мост');
    expect((await app().request('/assets/app.js')).status).toBe(200);
    const missing = await app().request('/api/nothing-here');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
