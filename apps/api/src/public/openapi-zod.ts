import { z } from 'zod';

/** `.int()` adds the safe-integer range to every integer; the document leaves it out as noise. */
const dropSafeIntegerBounds = ({ jsonSchema }: { jsonSchema: Record<string, unknown> }) => {
  if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
  if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
};

/** How every zod schema becomes JSON Schema in the document (2020-12, the dialect of OpenAPI 3.1). */
export const JSON_SCHEMA_OPTIONS = { unrepresentable: 'any', override: dropSafeIntegerBounds } as const;

/**
 * OpenAPI query parameters from the zod object a route validates its query with: names, types,
 * limits, defaults and descriptions come from the one schema, so the document cannot drift from it.
 */
export function queryParameters(schema: z.ZodObject, descriptions: Record<string, string> = {}) {
  return Object.entries(schema.shape).map(([name, field]) => {
    const { $schema: _ignored, description, ...json } = z.toJSONSchema(field as z.ZodType, { ...JSON_SCHEMA_OPTIONS, io: 'input' }) as Record<string, unknown>;
    const required = !(field as z.ZodType).safeParse(undefined).success;
    const text = descriptions[name] ?? (description as string | undefined);
    return { name, in: 'query', ...(required ? { required: true } : {}), ...(text ? { description: text } : {}), schema: json };
  });
}
