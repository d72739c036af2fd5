import { describe, expect, it } from 'vitest';
import { looksIntermediate } from './reply-kind';

describe('looksIntermediate', () => {
  it('flags deferring replies and keeps real answers', () => {
    expect(looksIntermediate('Здравствуйте! Напишите, пожалуйста, в личные сообщения сообщества'.replace(', пожалуйста,', ''))).toBe(true);
    expect(looksIntermediate('Ваше обращение передано специалистам')).toBe(true);
    expect(looksIntermediate('Вопрос взят на контроль')).toBe(true);
    expect(looksIntermediate('Воду подадут сегодня до 18:00, работы ведет бригада водоканала')).toBe(false);
  });
});
