import { describe, expect, it } from 'vitest';
import { quoteCitizenText, redactPersonalData, REDACTED_EMAIL, REDACTED_PHONE, REDACTED_USER } from './redact';

describe('redactPersonalData', () => {
  it.each([
    '+7 (845) 222-33-44',
    '+7(845)2223344',
    '+7 917 123 45 67',
    '+79171234567',
    '8-917-123-45-67',
    '8 (917) 123-45-67',
    '89171234567',
    '8(8452)22-33-44',
    '8 8452 22 33 44',
    '7-917-123-45-67',
    '8.917.123.45.67',
    '9171234567',
    '22-33-44',
    '222-33-44',
  ])('redacts the phone %s', (phone) => {
    const out = redactPersonalData(`звоните ${phone}, спросите Ивана`);
    expect(out).toBe(`звоните ${REDACTED_PHONE}, спросите Ивана`);
    expect(out).not.toMatch(/\d{2}/);
  });

  it.each(['a@b.ru', 'ivan.petrov-1985@mail.ru', 'USER+tag@Gmail.com', 'почта@мэрия.рф'])('redacts the e-mail %s', (email) => {
    expect(redactPersonalData(`пишите на ${email} срочно`)).toBe(`пишите на ${REDACTED_EMAIL} срочно`);
  });

  it('redacts mentions and personal profile links', () => {
    expect(redactPersonalData('[id123|Мария Петрова], см. vk.com/id456')).toBe(`${REDACTED_USER}, см. ${REDACTED_USER}`);
  });

  it('keeps dates, house numbers, years and amounts', () => {
    const text = 'Дом 12 по ул. Ленина, 12.03.2025 в 10:30, квитанция 1 250 руб., 2024 год, маршрут 53, кв. 145';
    expect(redactPersonalData(text)).toBe(text);
  });

  it('quotes a bounded single line', () => {
    const quote = quoteCitizenText(`нет воды\nмой тел 89171234567 ${'а'.repeat(300)}`, 40);
    expect(quote.length).toBe(40);
    expect(quote).toContain(REDACTED_PHONE);
    expect(quote.endsWith('…')).toBe(true);
  });
});
