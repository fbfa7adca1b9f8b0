CREATE TABLE `state_counts` (
	`entity` text NOT NULL,
	`state` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`entity`, `state`)
);
--> statement-breakpoint
CREATE TABLE `vehicle_last_visits` (
	`vehicle_id` text PRIMARY KEY NOT NULL,
	`last_settle_date` text NOT NULL,
	FOREIGN KEY (`vehicle_id`) REFERENCES `vehicles`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `vehicle_last_visits_date_idx` ON `vehicle_last_visits` (`last_settle_date`);--> statement-breakpoint
-- Hand-written below (drizzle-kit cannot express triggers): both tables above are derived data, kept
-- by triggers in the same statement as the change they follow, whatever code makes it, and filled
-- from the existing rows once here. Deletes need no trigger: work orders and outbox rows are never
-- deleted (0001's guards refuse it).
CREATE TRIGGER `state_counts_work_orders_ai` AFTER INSERT ON `work_orders` BEGIN
  INSERT INTO `state_counts` (entity, state, n) VALUES ('work_orders', new.status, 1)
    ON CONFLICT (entity, state) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `state_counts_work_orders_au` AFTER UPDATE OF status ON `work_orders`
WHEN new.status IS NOT old.status BEGIN
  UPDATE `state_counts` SET n = n - 1 WHERE entity = 'work_orders' AND state = old.status;
  INSERT INTO `state_counts` (entity, state, n) VALUES ('work_orders', new.status, 1)
    ON CONFLICT (entity, state) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `state_counts_outbox_ai` AFTER INSERT ON `outbox` BEGIN
  INSERT INTO `state_counts` (entity, state, n) VALUES ('outbox', new.state, 1)
    ON CONFLICT (entity, state) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `state_counts_outbox_au` AFTER UPDATE OF state ON `outbox`
WHEN new.state IS NOT old.state BEGIN
  UPDATE `state_counts` SET n = n - 1 WHERE entity = 'outbox' AND state = old.state;
  INSERT INTO `state_counts` (entity, state, n) VALUES ('outbox', new.state, 1)
    ON CONFLICT (entity, state) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
-- A vehicle's last visit moves when one of its orders is settled, or when a settled one is reversed.
-- `+status` keeps the lookup on the vehicle's index: without statistics (a new file, before ANALYZE)
-- SQLite may otherwise walk every settled order of the shop by status, once per settlement.
CREATE TRIGGER `vehicle_last_visits_au` AFTER UPDATE OF status ON `work_orders`
WHEN new.status IS NOT old.status AND 'settled' IN (new.status, old.status) BEGIN
  DELETE FROM `vehicle_last_visits` WHERE vehicle_id = new.vehicle_id;
  INSERT INTO `vehicle_last_visits` (vehicle_id, last_settle_date)
    SELECT new.vehicle_id, max(settle_date) FROM `work_orders` WHERE vehicle_id = new.vehicle_id AND +status = 'settled'
    HAVING max(settle_date) IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `vehicle_last_visits_ai` AFTER INSERT ON `work_orders`
WHEN new.status = 'settled' BEGIN
  DELETE FROM `vehicle_last_visits` WHERE vehicle_id = new.vehicle_id;
  INSERT INTO `vehicle_last_visits` (vehicle_id, last_settle_date)
    SELECT new.vehicle_id, max(settle_date) FROM `work_orders` WHERE vehicle_id = new.vehicle_id AND +status = 'settled'
    HAVING max(settle_date) IS NOT NULL;
END;
--> statement-breakpoint
INSERT INTO `state_counts` (entity, state, n) SELECT 'work_orders', status, count(*) FROM `work_orders` GROUP BY status;
--> statement-breakpoint
INSERT INTO `state_counts` (entity, state, n) SELECT 'outbox', state, count(*) FROM `outbox` GROUP BY state;
--> statement-breakpoint
INSERT INTO `vehicle_last_visits` (vehicle_id, last_settle_date)
  SELECT vehicle_id, max(settle_date) FROM `work_orders` WHERE status = 'settled' GROUP BY vehicle_id;
