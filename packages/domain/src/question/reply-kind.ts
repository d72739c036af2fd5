/**
 * Page replies that only defer the answer («напишите в личные сообщения», «передано
 * специалистам»). Regional practice counts them as a first response, not a substantive one;
 * this is a hint for monitors, whose mark always wins.
 */
export const INTERMEDIATE_REPLY =
  /(?<![\p{L}\d-])(?:напишите (?:нам )?в (?:личные сообщения|лс|личку|сообщения сообщества)|передан[оа]? (?:специалист|в |ответственн)|направлен[оа]? (?:в |специалист|ответственн)|взят[оа]? на контроль|разбираемся|уточним (?:информацию|и )|ответим позже|обратитесь (?:по телефону|в ))/u;

export function looksIntermediate(replyText: string): boolean {
  return INTERMEDIATE_REPLY.test(replyText.toLowerCase().replace(/ё/g, 'е'));
}
