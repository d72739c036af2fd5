-- An agency may acknowledge a recommendation it sees on its dashboard before a bulletin carried it
-- (new → acknowledged). Mirrors RECOMMENDATION_TRANSITIONS in @most/domain.
CREATE OR REPLACE FUNCTION recommendation_status_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = OLD.status THEN
    RETURN NEW;
  END IF;
  IF NOT ((OLD.status = 'new' AND NEW.status IN ('sent', 'acknowledged', 'resolved'))
       OR (OLD.status = 'sent' AND NEW.status IN ('acknowledged', 'resolved', 'not_resolved'))
       OR (OLD.status = 'acknowledged' AND NEW.status IN ('resolved', 'not_resolved'))) THEN
    RAISE EXCEPTION 'recommendation % cannot go from % to %', OLD.id, OLD.status, NEW.status USING ERRCODE = 'check_violation';
  END IF;
  NEW.status_changed_at := now();
  RETURN NEW;
END;
$$;
