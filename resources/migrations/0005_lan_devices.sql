CREATE TABLE `devices` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`user_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`last_seen_at` integer,
	`last_ip` text DEFAULT '' NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `devices_token_hash_uq` ON `devices` (`token_hash`);--> statement-breakpoint
CREATE INDEX `devices_user_idx` ON `devices` (`user_id`);--> statement-breakpoint
ALTER TABLE `users` ADD `pin_failures` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `pin_locked_until` integer;--> statement-breakpoint
-- Hand-written: a paired device is revoked, never deleted, re-keyed or given to another user, and a
-- revocation is final (a stolen phone must not come back by a later edit).
CREATE TRIGGER `devices_no_delete` BEFORE DELETE ON `devices`
BEGIN SELECT RAISE(ABORT, 'devices_append_only'); END;--> statement-breakpoint
CREATE TRIGGER `devices_identity_final` BEFORE UPDATE OF `token_hash`, `user_id`, `revoked_at` ON `devices`
WHEN OLD.`revoked_at` IS NOT NULL OR NEW.`token_hash` IS NOT OLD.`token_hash` OR NEW.`user_id` IS NOT OLD.`user_id`
BEGIN SELECT RAISE(ABORT, 'device_revocation_final'); END;
