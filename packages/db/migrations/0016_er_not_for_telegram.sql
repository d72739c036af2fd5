-- ERpost and ERview apply to VK and OK only: a Telegram preview shows views but no likes, reposts or
-- comments, so engagement there would read as a false 0. Keeps the stored v1 equal to the code's v1
-- (Telegram pages were never read before this, so no stored score used these criteria on Telegram).
UPDATE methodology_versions
SET definition = jsonb_set(
  definition,
  '{criteria}',
  (
    SELECT jsonb_agg(
      CASE WHEN c->>'code' IN ('ER_POST', 'ER_VIEW')
        THEN jsonb_set(c, '{applicability,networks}', '["vk","ok"]'::jsonb)
        ELSE c END
      ORDER BY i
    )
    FROM jsonb_array_elements(definition->'criteria') WITH ORDINALITY AS t(c, i)
  )
)
WHERE version = 1;
