-- Hand-written: trigram search indexes, and guards that make the data rules hold in the database
-- itself (settled orders immutable, ledgers append-only, accepted uploads final), whatever code runs.
CREATE VIRTUAL TABLE `customers_fts` USING fts5(name, phone, initials, pinyin, content='customers', content_rowid='rowid', tokenize='trigram case_sensitive 0');
--> statement-breakpoint
CREATE TRIGGER `customers_fts_ai` AFTER INSERT ON `customers` BEGIN
  INSERT INTO `customers_fts`(rowid, name, phone, initials, pinyin) VALUES (new.rowid, new.name, new.phone, new.initials, new.pinyin);
END;
--> statement-breakpoint
CREATE TRIGGER `customers_fts_ad` AFTER DELETE ON `customers` BEGIN
  INSERT INTO `customers_fts`(`customers_fts`, rowid, name, phone, initials, pinyin) VALUES ('delete', old.rowid, old.name, old.phone, old.initials, old.pinyin);
END;
--> statement-breakpoint
CREATE TRIGGER `customers_fts_au` AFTER UPDATE OF name, phone, initials, pinyin ON `customers` BEGIN
  INSERT INTO `customers_fts`(`customers_fts`, rowid, name, phone, initials, pinyin) VALUES ('delete', old.rowid, old.name, old.phone, old.initials, old.pinyin);
  INSERT INTO `customers_fts`(rowid, name, phone, initials, pinyin) VALUES (new.rowid, new.name, new.phone, new.initials, new.pinyin);
END;
--> statement-breakpoint
INSERT INTO `customers_fts`(`customers_fts`) VALUES ('rebuild');
--> statement-breakpoint
CREATE VIRTUAL TABLE `vehicles_fts` USING fts5(plate, vin, content='vehicles', content_rowid='rowid', tokenize='trigram case_sensitive 0');
--> statement-breakpoint
CREATE TRIGGER `vehicles_fts_ai` AFTER INSERT ON `vehicles` BEGIN
  INSERT INTO `vehicles_fts`(rowid, plate, vin) VALUES (new.rowid, new.plate, new.vin);
END;
--> statement-breakpoint
CREATE TRIGGER `vehicles_fts_ad` AFTER DELETE ON `vehicles` BEGIN
  INSERT INTO `vehicles_fts`(`vehicles_fts`, rowid, plate, vin) VALUES ('delete', old.rowid, old.plate, old.vin);
END;
--> statement-breakpoint
CREATE TRIGGER `vehicles_fts_au` AFTER UPDATE OF plate, vin ON `vehicles` BEGIN
  INSERT INTO `vehicles_fts`(`vehicles_fts`, rowid, plate, vin) VALUES ('delete', old.rowid, old.plate, old.vin);
  INSERT INTO `vehicles_fts`(rowid, plate, vin) VALUES (new.rowid, new.plate, new.vin);
END;
--> statement-breakpoint
INSERT INTO `vehicles_fts`(`vehicles_fts`) VALUES ('rebuild');
--> statement-breakpoint
CREATE VIRTUAL TABLE `parts_fts` USING fts5(code, name, barcode, content='parts', content_rowid='rowid', tokenize='trigram case_sensitive 0');
--> statement-breakpoint
CREATE TRIGGER `parts_fts_ai` AFTER INSERT ON `parts` BEGIN
  INSERT INTO `parts_fts`(rowid, code, name, barcode) VALUES (new.rowid, new.code, new.name, new.barcode);
END;
--> statement-breakpoint
CREATE TRIGGER `parts_fts_ad` AFTER DELETE ON `parts` BEGIN
  INSERT INTO `parts_fts`(`parts_fts`, rowid, code, name, barcode) VALUES ('delete', old.rowid, old.code, old.name, old.barcode);
END;
--> statement-breakpoint
CREATE TRIGGER `parts_fts_au` AFTER UPDATE OF code, name, barcode ON `parts` BEGIN
  INSERT INTO `parts_fts`(`parts_fts`, rowid, code, name, barcode) VALUES ('delete', old.rowid, old.code, old.name, old.barcode);
  INSERT INTO `parts_fts`(rowid, code, name, barcode) VALUES (new.rowid, new.code, new.name, new.barcode);
END;
--> statement-breakpoint
INSERT INTO `parts_fts`(`parts_fts`) VALUES ('rebuild');
--> statement-breakpoint
CREATE INDEX `vehicles_vin_tail_idx` ON `vehicles` (substr(`vin`, 12));
--> statement-breakpoint
CREATE TRIGGER `work_orders_settled_frozen` BEFORE UPDATE OF number, vehicle_id, customer_id, sender_name, sender_phone, repair_date, mileage_in_km, mileage_out_km, fault_description, repair_category, inspector, certificate_no, completed_at, settlement_no, settled_at, settle_date, labour_total_fen, parts_total_fen, other_fee_fen, discount_fen, total_fen, payment_method, old_parts_disposition, warranty_km, warranty_days, settled_by, promised_at, notes, void_reason, voided_at, created_by, created_at ON `work_orders`
WHEN old.status IN ('settled', 'reversed') BEGIN
  SELECT RAISE(ABORT, 'settled_order_immutable');
END;
--> statement-breakpoint
CREATE TRIGGER `work_orders_terminal_status` BEFORE UPDATE OF status ON `work_orders`
WHEN old.status IN ('settled', 'reversed', 'voided') AND new.status IS NOT old.status
  AND NOT (old.status = 'settled' AND new.status = 'reversed') BEGIN
  SELECT RAISE(ABORT, 'illegal_status_change');
END;
--> statement-breakpoint
CREATE TRIGGER `work_orders_no_delete` BEFORE DELETE ON `work_orders` BEGIN
  SELECT RAISE(ABORT, 'work_orders_are_never_deleted');
END;
--> statement-breakpoint
CREATE TRIGGER `labour_lines_frozen_insert` BEFORE INSERT ON `labour_lines`
WHEN (SELECT status FROM work_orders WHERE id = new.work_order_id) NOT IN ('received', 'in_progress', 'completed') BEGIN
  SELECT RAISE(ABORT, 'order_lines_frozen');
END;
--> statement-breakpoint
CREATE TRIGGER `labour_lines_frozen_update` BEFORE UPDATE ON `labour_lines`
WHEN (SELECT status FROM work_orders WHERE id = old.work_order_id) NOT IN ('received', 'in_progress', 'completed') BEGIN
  SELECT RAISE(ABORT, 'order_lines_frozen');
END;
--> statement-breakpoint
CREATE TRIGGER `labour_lines_frozen_delete` BEFORE DELETE ON `labour_lines`
WHEN (SELECT status FROM work_orders WHERE id = old.work_order_id) NOT IN ('received', 'in_progress', 'completed') BEGIN
  SELECT RAISE(ABORT, 'order_lines_frozen');
END;
--> statement-breakpoint
CREATE TRIGGER `part_lines_frozen_insert` BEFORE INSERT ON `part_lines`
WHEN (SELECT status FROM work_orders WHERE id = new.work_order_id) NOT IN ('received', 'in_progress', 'completed') BEGIN
  SELECT RAISE(ABORT, 'order_lines_frozen');
END;
--> statement-breakpoint
CREATE TRIGGER `part_lines_frozen_update` BEFORE UPDATE ON `part_lines`
WHEN (SELECT status FROM work_orders WHERE id = old.work_order_id) NOT IN ('received', 'in_progress', 'completed') BEGIN
  SELECT RAISE(ABORT, 'order_lines_frozen');
END;
--> statement-breakpoint
CREATE TRIGGER `part_lines_frozen_delete` BEFORE DELETE ON `part_lines`
WHEN (SELECT status FROM work_orders WHERE id = old.work_order_id) NOT IN ('received', 'in_progress', 'completed') BEGIN
  SELECT RAISE(ABORT, 'order_lines_frozen');
END;
--> statement-breakpoint
CREATE TRIGGER `stock_movements_no_update` BEFORE UPDATE ON `stock_movements` BEGIN
  SELECT RAISE(ABORT, 'stock_movements_is_append_only');
END;
--> statement-breakpoint
CREATE TRIGGER `stock_movements_no_delete` BEFORE DELETE ON `stock_movements` BEGIN
  SELECT RAISE(ABORT, 'stock_movements_is_append_only');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log` BEGIN
  SELECT RAISE(ABORT, 'audit_log_is_append_only');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log` BEGIN
  SELECT RAISE(ABORT, 'audit_log_is_append_only');
END;
--> statement-breakpoint
CREATE TRIGGER `reversals_no_update` BEFORE UPDATE ON `reversals` BEGIN
  SELECT RAISE(ABORT, 'reversals_is_append_only');
END;
--> statement-breakpoint
CREATE TRIGGER `reversals_no_delete` BEFORE DELETE ON `reversals` BEGIN
  SELECT RAISE(ABORT, 'reversals_is_append_only');
END;
--> statement-breakpoint
CREATE TRIGGER `outbox_accepted_final` BEFORE UPDATE OF state ON `outbox`
WHEN old.state = 'accepted' AND new.state IS NOT 'accepted' BEGIN
  SELECT RAISE(ABORT, 'accepted_record_is_final');
END;
--> statement-breakpoint
CREATE TRIGGER `outbox_record_frozen` BEFORE UPDATE OF record ON `outbox`
WHEN old.state NOT IN ('held', 'rejected') BEGIN
  SELECT RAISE(ABORT, 'outbox_record_frozen');
END;
--> statement-breakpoint
CREATE TRIGGER `outbox_no_delete` BEFORE DELETE ON `outbox` BEGIN
  SELECT RAISE(ABORT, 'outbox_is_never_deleted');
END;
