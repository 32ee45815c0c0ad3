-- V8's deferred trigger refuses a price period that overlaps another of the same model and tier, but two transactions
-- that commit at the same moment (two imports, an import and a hand-written INSERT) each check before the other's rows
-- are visible, so both could commit overlapping periods and price a task twice. The check now first takes a
-- transaction-level advisory lock (the two-key form, apart from the run locks' one-key form): the second writer waits
-- until the first has committed and then sees its rows. Nothing else changes.
CREATE OR REPLACE FUNCTION ark.refuse_overlapping_prices() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    current_to timestamptz;
BEGIN
    -- One lock for the table, not one per model: writers that lock models in different orders cannot deadlock.
    PERFORM pg_advisory_xact_lock(hashtext('ark.model_prices'), 0);
    SELECT p.valid_to INTO current_to
    FROM ark.model_prices p
    WHERE p.model = NEW.model AND p.service_tier = NEW.service_tier AND p.valid_from = NEW.valid_from;
    IF NOT FOUND THEN
        RETURN NULL;  -- deleted or moved since; a move is checked by its own event
    END IF;
    IF EXISTS (SELECT 1
               FROM ark.model_prices p
               WHERE p.model = NEW.model
                 AND p.service_tier = NEW.service_tier
                 AND p.valid_from <> NEW.valid_from
                 AND tstzrange(p.valid_from, p.valid_to) && tstzrange(NEW.valid_from, current_to)) THEN
        RAISE EXCEPTION 'ark.model_prices: the price of % (%) from % overlaps another period of the same model and tier',
            NEW.model, NEW.service_tier, NEW.valid_from;
    END IF;
    RETURN NULL;
END;
$$;
