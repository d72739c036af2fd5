-- The reference checks of 0040/0046 run their look-up as dynamic SQL (EXECUTE format(…)), which
-- PostgreSQL parses and plans again on every call, expanding every month's partition each time: in
-- bench:scale's 100× crawl, planning inside these triggers was about a third of the database's CPU.
-- Each reference now gets its own function whose look-up is static SQL, planned once per connection
-- and cached. Same behaviour: the referenced rows are locked FOR KEY SHARE and a missing one raises
-- foreign_key_violation with the same message; after an insert the check runs once per statement
-- over the inserted rows, after an update once per row whose column changed.

CREATE FUNCTION define_reference_check(child text, col text, parent text) RETURNS void LANGUAGE plpgsql AS $define$
DECLARE
  fn text := 'check_ref_' || child || '_' || col;
BEGIN
  EXECUTE format($fn$
    CREATE FUNCTION %1$I() RETURNS trigger LANGUAGE plpgsql AS $body$
    DECLARE
      missing bigint;
    BEGIN
      IF TG_LEVEL = 'ROW' THEN
        PERFORM 1 FROM %3$I p WHERE p.id = NEW.%2$I FOR KEY SHARE;
        IF NOT FOUND THEN
          missing := NEW.%2$I;
        END IF;
      ELSE
        WITH referenced AS (SELECT DISTINCT %2$I AS id FROM inserted_rows WHERE %2$I IS NOT NULL),
             present AS (SELECT found.id FROM referenced r CROSS JOIN LATERAL (SELECT p.id FROM %3$I p WHERE p.id = r.id FOR KEY SHARE) found)
        SELECT r.id INTO missing FROM referenced r WHERE r.id NOT IN (SELECT id FROM present) LIMIT 1;
      END IF;
      IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'insert or update on table "%%" violates foreign key: %%=%% is not present in table "%%"', TG_TABLE_NAME, %2$L, missing, %3$L
          USING ERRCODE = 'foreign_key_violation';
      END IF;
      RETURN NULL;
    END $body$
  $fn$, fn, col, parent);
  EXECUTE format('DROP TRIGGER %I ON %I', child || '_' || col || '_ref_ins', child);
  EXECUTE format('DROP TRIGGER %I ON %I', child || '_' || col || '_ref_upd', child);
  EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS inserted_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()',
                 child || '_' || col || '_ref_ins', child, fn);
  EXECUTE format('CREATE TRIGGER %I AFTER UPDATE OF %I ON %I FOR EACH ROW WHEN (NEW.%I IS NOT NULL AND NEW.%I IS DISTINCT FROM OLD.%I) EXECUTE FUNCTION %I()',
                 child || '_' || col || '_ref_upd', col, child, col, col, col, fn);
END $define$;

SELECT define_reference_check('post_counters', 'post_id', 'posts');
SELECT define_reference_check('post_edits', 'post_id', 'posts');
SELECT define_reference_check('comments', 'post_id', 'posts');
SELECT define_reference_check('question_measurements', 'post_id', 'posts');
SELECT define_reference_check('comments', 'thread_root_id', 'comments');
SELECT define_reference_check('comments', 'reply_to_comment_id', 'comments');
SELECT define_reference_check('comment_edits', 'comment_id', 'comments');
SELECT define_reference_check('comment_classifications', 'comment_id', 'comments');
SELECT define_reference_check('response_marks', 'comment_id', 'comments');
SELECT define_reference_check('question_exclusions', 'comment_id', 'comments');
SELECT define_reference_check('question_measurements', 'question_id', 'comments');
SELECT define_reference_check('question_measurements', 'first_reply_id', 'comments');
SELECT define_reference_check('question_measurements', 'substantive_reply_id', 'comments');
SELECT define_reference_check('disputes', 'comment_id', 'comments');
DROP FUNCTION define_reference_check(text, text, text);
-- Every trigger now has its own function.
DROP FUNCTION check_references();
