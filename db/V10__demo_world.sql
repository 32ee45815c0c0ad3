-- The demo's simulated account (java -jar ark-task-sync.jar --demo) starts at a moment fixed per database, so that
-- every later --demo on the same database serves the same tasks, moved on by one simulated hour per completed demo
-- run. One row, written by the first --demo; untouched by real syncs.
CREATE TABLE ark.demo_world (
    singleton boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    epoch     timestamptz NOT NULL
);
