-- The upload ledger is evidence of what was sent to the archive and what it answered
-- (architecture.md, sync rule 4): an entry is written before its request leaves and completed once
-- with the reply; after that it never changes, and no entry is ever deleted.
CREATE TRIGGER `upload_ledger_completed_once` BEFORE UPDATE ON `upload_ledger`
WHEN old.finished_at IS NOT NULL BEGIN
  SELECT RAISE(ABORT, 'upload_ledger_is_append_only');
END;
--> statement-breakpoint
CREATE TRIGGER `upload_ledger_request_fixed` BEFORE UPDATE OF `request`, `outbox_id`, `attempt`, `settlement_no`, `started_at` ON `upload_ledger`
BEGIN
  SELECT RAISE(ABORT, 'upload_ledger_is_append_only');
END;
--> statement-breakpoint
CREATE TRIGGER `upload_ledger_no_delete` BEFORE DELETE ON `upload_ledger` BEGIN
  SELECT RAISE(ABORT, 'upload_ledger_is_append_only');
END;
--> statement-breakpoint
-- The KPIs count acceptances by time (uploads in the last 7 days).
CREATE INDEX `outbox_accepted_at_idx` ON `outbox` (`accepted_at`) WHERE state = 'accepted';
