import { VkApiError, type Params } from './methods';

/**
 * The subset of VKScript the simulator runs: `return [API.<method>({...}), ...];` with JSON object
 * arguments (what a batching client sends). Anything else is answered as VK does with error 12.
 */
export interface ScriptCall {
  method: string;
  params: Params;
}

export const EXECUTE_MAX_CALLS = 25;

export function parseExecuteCode(code: string): ScriptCall[] {
  const body = /^\s*return\s*\[([\s\S]*)\]\s*;?\s*$/.exec(code)?.[1];
  if (body === undefined) throw new VkApiError(12, 'Unable to compile code: only "return [API.method({...}), ...];" is simulated');
  const calls: ScriptCall[] = [];
  let position = 0;
  const skipSpace = (): void => {
    while (position < body.length && /\s/.test(body[position]!)) position++;
  };
  skipSpace();
  while (position < body.length) {
    const head = /^API\.([a-zA-Z]+\.[a-zA-Z]+)\(/.exec(body.slice(position));
    if (!head?.[1]) throw new VkApiError(12, `Unable to compile code: expected API.<method>( at ${position}`);
    position += head[0].length;
    const end = objectEnd(body, position);
    let args: unknown;
    try {
      args = JSON.parse(body.slice(position, end));
    } catch {
      throw new VkApiError(12, 'Unable to compile code: arguments must be an object literal');
    }
    if (typeof args !== 'object' || args === null || Array.isArray(args)) throw new VkApiError(12, 'Unable to compile code: arguments must be an object literal');
    position = end;
    skipSpace();
    if (body[position] !== ')') throw new VkApiError(12, 'Unable to compile code: ")" expected');
    position++;
    calls.push({ method: head[1], params: Object.fromEntries(Object.entries(args).map(([key, value]) => [key, String(value)])) });
    skipSpace();
    if (body[position] === ',') position++;
    skipSpace();
  }
  if (calls.length > EXECUTE_MAX_CALLS) throw new VkApiError(13, `Runtime error occurred during code invocation: too many API calls (more than ${EXECUTE_MAX_CALLS})`);
  return calls;
}

/** Index just past the JSON object starting at `start`, honouring strings. */
function objectEnd(text: string, start: number): number {
  if (text[start] !== '{') throw new VkApiError(12, 'Unable to compile code: arguments must be an object literal');
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return i + 1;
  }
  throw new VkApiError(12, 'Unable to compile code: unterminated object');
}
