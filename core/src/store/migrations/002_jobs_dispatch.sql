-- Fenghuo schema, version 2: dead-lettered jobs, schedules guarded by a row, idempotent notifications
-- and webhook deliveries (one per archive event and unit), warnings remembering what they analysed.

-- A job that spent its attempts is kept (dead_at set, run_at pushed to infinity) for an operator to read.
ALTER TABLE jobs ADD COLUMN dead_at timestamptz;
CREATE INDEX jobs_dead ON jobs (dead_at) WHERE dead_at IS NOT NULL;

-- Repeating jobs of the embedded runner: whoever moves next_run_at forward enqueues the run, so one
-- instance runs per period however many processes poll.
CREATE TABLE job_schedules (
  name        text PRIMARY KEY,
  every_ms    integer NOT NULL CHECK (every_ms > 0),
  next_run_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE notifications ADD COLUMN event_id bigint;
ALTER TABLE notifications ADD COLUMN title_en text;
ALTER TABLE notifications ADD COLUMN body_en text;
CREATE UNIQUE INDEX notifications_event_unit ON notifications (event_id, unit_id) WHERE event_id IS NOT NULL;

ALTER TABLE webhook_deliveries ADD COLUMN event_id bigint;
ALTER TABLE webhook_deliveries ADD COLUMN alarm_id bigint;
ALTER TABLE webhook_deliveries ADD COLUMN warning_id bigint;
CREATE UNIQUE INDEX webhook_deliveries_event_unit ON webhook_deliveries (event_id, unit_id) WHERE event_id IS NOT NULL;

-- The archive event (raise or step up) the warning's latest revision was analysed for.
ALTER TABLE warnings ADD COLUMN source_event_id bigint;
ALTER TABLE warnings ADD COLUMN lifted_at timestamptz;
ALTER TABLE warnings ADD COLUMN lifted_by text;
