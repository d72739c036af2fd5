import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overrideClassification } from '@most/services';
import { classifyPendingComments } from '@most/db/scoring';
import { startAttackTarget, type AttackTarget } from './harness';

const LEAKS = ['Иван', 'Петров', 'Пётр', '987654321', '987654322', 'ivan_p', '5723'];
const COMMENT = 'Когда починят отопление? Спросите @id987654321 (Иван Петров) и [id987654322:bp-1_2|Пётр], t.me/ivan_p, ok.ru/profile/5723';

/** Issue 13, item 3: VK mention forms shown verbatim to the agency (SLA watch, recommendations). */
describe('citizens mentioned in comments, over real HTTP', () => {
  let target: AttackTarget;
  beforeAll(async () => {
    target = await startAttackTarget();
    const sql = target.db.sql;
    const [agency] = await sql<{ organization_id: number }[]>`SELECT organization_id FROM users WHERE email = 'agency@most.test'`;
    const [account] = await sql<{ id: number }[]>`
      INSERT INTO accounts (organization_id, network, canonical_url, handle)
      VALUES (${agency!.organization_id}, 'vk', 'https://vk.com/redaction_test', 'redaction_test') RETURNING id`;
    const at = new Date(Date.now() - 30 * 3_600_000);
    const [post] = await sql<{ id: number }[]>`
      INSERT INTO posts (account_id, external_id, url, published_at, text, likes, first_seen_at, last_seen_at)
      VALUES (${account!.id}, '1', 'https://vk.com/wall-1_1', ${at}, 'Новость', 0, ${at}, ${at}) RETURNING id`;
    const [comment] = await sql<{ id: number }[]>`
      INSERT INTO comments (post_id, account_id, external_id, url, author_pseudonym, from_page, published_at, text, first_seen_at, last_seen_at)
      VALUES (${post!.id}, ${account!.id}, '2', 'https://vk.com/wall-1_1?reply=2', ${createHash('sha256').update('citizen').digest('hex')}, false, ${at}, ${COMMENT}, ${at}, ${at}) RETURNING id`;
    await classifyPendingComments(sql, { accountIds: [account!.id] });
    await overrideClassification(sql, { commentId: comment!.id, needsAnswer: true, category: 'question', reason: 'Вопрос жителя' }, { id: null, label: 'test' });
    // A recommendation stored before the rule covered these forms.
    const [methodology] = await sql<{ version: number }[]>`SELECT version FROM methodology_versions ORDER BY version LIMIT 1`;
    await sql`
      INSERT INTO recommendations (account_id, period_kind, period_start, methodology_version, criterion_code, generated_text)
      VALUES (${account!.id}, 'month', '2026-11-01', ${methodology!.version}, 'SLA_WITHIN_24H', ${`Вопрос «${COMMENT}» остался без ответа`})`;
  });
  afterAll(async () => target?.close());

  it('the agency SLA watch quotes the question without any mention or name', async () => {
    const agency = await target.signedIn('agency@most.test');
    const open = await agency.query<{ items: { text: string }[] }>('sla.openQuestions');
    expect(open.status).toBe(200);
    const texts = open.body.result!.data.items.map((i) => i.text);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('Когда починят отопление?');
    for (const leak of LEAKS) expect(texts[0]).not.toContain(leak);
  });

  it("the agency's recommendations never show a mention, even in a text stored earlier", async () => {
    const agency = await target.signedIn('agency@most.test');
    const mine = await agency.query<{ text: string }[]>('recommendations.mine');
    expect(mine.status).toBe(200);
    const text = JSON.stringify(mine.body.result!.data);
    expect(text).toContain('остался без ответа');
    for (const leak of ['Иван', 'Петров', 'Пётр', '987654321', '987654322', 'ivan_p']) expect(text).not.toContain(leak);
  });
});
