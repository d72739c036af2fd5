import { describe, expect, it } from 'vitest';
import { quoteCitizenText, redactAccountMentions, redactPersonalData, REDACTED_EMAIL, REDACTED_USER } from './redact';

/** Issue 13, item 3: every VK/OK/Telegram mention and profile-link form, with the names inside. */
describe('redaction of mentions and profile links', () => {
  it.each([
    ['@id987654321 (Иван Петров)', 'VK shorthand with the name'],
    ['@id987654321(Иван Петров)', 'VK shorthand without a space'],
    ['@id987654321', 'VK shorthand without a name'],
    ['@club123 (Администрация района)', 'VK community shorthand'],
    ['@durov (Павел Дуров)', 'VK screen name with the name'],
    ['@ivan_petrov', 'Telegram / VK user name'],
    ['@ivan.petrov', 'user name with a dot'],
    ['*id123 (Мария)', 'VK star form'],
    ['*id123', 'VK star form without a name'],
    ['*ivanov (Иван Иванов)', 'VK star form with a screen name'],
    ['[id123|Имя Фамилия]', 'VK bracket mention'],
    ['[id987654322:bp-1_2|Пётр]', 'VK reply mention with a post anchor'],
    ['[club123|Группа «Двор»]', 'VK community mention'],
    ['[public123|Паблик]', 'VK public page mention'],
    ['[durov|Павел]', 'VK mention by screen name'],
    ['vk.com/id123', 'VK profile link'],
    ['https://vk.com/id123', 'VK profile link with scheme'],
    ['http://m.vk.com/ivan.petrov', 'VK mobile link by screen name'],
    ['vk.ru/id123', 'vk.ru'],
    ['https://vk.me/ivanpetrov', 'vk.me'],
    ['vk.com/wall123_45?reply=67', 'VK comment link'],
    ['ok.ru/profile/572345678901', 'OK profile link'],
    ['https://ok.ru/profile/572345678901/statuses', 'OK profile page'],
    ['https://m.ok.ru/dk?st.cmd=friendMain&st.friendId=5723', 'OK mobile profile'],
    ['odnoklassniki.ru/profile/5723', 'old OK domain'],
    ['t.me/ivan_petrov', 'Telegram link'],
    ['https://t.me/ivan_petrov', 'Telegram link with scheme'],
    ['telegram.me/ivan_petrov', 'telegram.me'],
    ['id987654321', 'a bare VK id'],
  ])('redacts %s (%s)', (form) => {
    const text = `Ответьте ${form}, пожалуйста, когда откроют школу`;
    const out = redactPersonalData(text);
    expect(out).toBe(`Ответьте ${REDACTED_USER}, пожалуйста, когда откроют школу`);
    expect(redactAccountMentions(text)).toBe(out);
  });

  it('removes the names inside every form from a real-looking comment', () => {
    const out = quoteCitizenText('@id987654321 (Иван Петров), [id987654322:bp-1_2|Пётр] и [club5|Совет дома] знают: трубу прорвало на ул. Ленина, 5');
    for (const name of ['Иван', 'Петров', 'Пётр', 'Совет', '987654321']) expect(out).not.toContain(name);
    expect(out).toContain('трубу прорвало на ул. Ленина, 5');
  });

  it('keeps e-mails for the e-mail rule, emphasis, and ordinary brackets', () => {
    expect(redactPersonalData('пишите ivan@mail.ru')).toBe(`пишите ${REDACTED_EMAIL}`);
    expect(redactAccountMentions('пишите ivan@mail.ru')).toBe('пишите ivan@mail.ru');
    const plain = 'Это *очень* важно (срочно), см. пункт [1], сайт saratov.gov.ru/news, 50% жителей';
    expect(redactPersonalData(plain)).toBe(plain);
  });
});
