import { z } from 'zod';

/**
 * OpenAPI query parameters from the zod object a route validates its query with: names, types,
 * limits, defaults and descriptions come from the one schema, so the document cannot drift from it.
 */
export function queryParameters(schema: z.ZodObject, descriptions: Record<string, string> = {}) {
  return Object.entries(schema.shape).map(([name, field]) => {
    const { $schema: _ignored, description, ...json } = z.toJSONSchema(field as z.ZodType, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    const required = !(field as z.ZodType).safeParse(undefined).success;
    const text = descriptions[name] ?? (description as string | undefined);
    return { name, in: 'query', ...(required ? { required: true } : {}), ...(text ? { description: text } : {}), schema: json };
  });
}
