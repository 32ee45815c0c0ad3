-- Why a listing is not reconciled and what else the reader learnt about it, in words: "page_num ignored upstream",
-- "pages capped at 100", "listed oldest first", "narrowing returned nothing" (a model name where filter.model takes
-- endpoint ids), "read to its end, 12 distinct id(s) short of its total", "re-read budget spent". Null when nothing.
ALTER TABLE ark.sync_ledger ADD COLUMN note text;
COMMENT ON COLUMN ark.sync_ledger.note IS 'Why the listing is not reconciled, and quirks of the upstream met while reading it';
