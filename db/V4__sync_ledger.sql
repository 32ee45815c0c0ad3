-- The completeness ledger: one row per listing (filter combination) read by a run, saying what the API reported
-- and what the reader did about shifting pages and the 500 x 500 cap.
CREATE TABLE ark.sync_ledger (
    run_id         bigint  NOT NULL,
    slice          text    NOT NULL,  -- e.g. tier=flex,status=running
    total_at_start bigint,            -- the API's "total" on page 1 (null when it sent none)
    total_at_end   bigint,            -- the API's "total" on the last read
    pages          integer NOT NULL,  -- pages read going forward
    pages_reread   integer NOT NULL,  -- pages read again after "total" dropped (shift repair)
    items_read     bigint  NOT NULL,
    new_ids        bigint  NOT NULL,  -- ids no earlier page of the run had shown
    repaired_items bigint  NOT NULL,  -- tasks found only by the re-reads: the shift had skipped them
    total_drops    integer NOT NULL,  -- times "total" fell between two reads
    out_of_reach   bigint  NOT NULL,  -- tasks beyond page_num 500 that no narrower listing could reach
    reconciled     boolean NOT NULL,  -- every drop repaired and every task in reach
    PRIMARY KEY (run_id, slice)
);
COMMENT ON TABLE ark.sync_ledger IS 'Completeness ledger: per run and listing, API totals and shift/cap handling';

ALTER TABLE ark.sync_runs ADD COLUMN mode text;  -- full or incremental
ALTER TABLE ark.sync_runs ADD COLUMN reconciled boolean;
ALTER TABLE ark.sync_runs ADD COLUMN distinct_ids bigint;
COMMENT ON COLUMN ark.sync_runs.reconciled IS 'Every listing of the run reconciled (see ark.sync_ledger)';
COMMENT ON COLUMN ark.sync_runs.mode IS 'full: every page of every listing; incremental: newest pages plus unfinished tasks';
