CREATE TABLE `audit_log` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`user_id` text,
	`user_name` text DEFAULT '' NOT NULL,
	`method` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`before` text,
	`after` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `counters` (
	`name` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `customers` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`initials` text DEFAULT '' NOT NULL,
	`pinyin` text DEFAULT '' NOT NULL,
	`credit_code` text DEFAULT '' NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`merged_into` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `customers_phone_idx` ON `customers` (`phone`);--> statement-breakpoint
CREATE INDEX `customers_initials_idx` ON `customers` (`initials`);--> statement-breakpoint
CREATE TABLE `labour_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`work_order_id` text NOT NULL,
	`seq` integer NOT NULL,
	`item` text NOT NULL,
	`hours_tenths` integer NOT NULL,
	`rate_fen` integer NOT NULL,
	`amount_fen` integer NOT NULL,
	`technician_id` text,
	`note` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`work_order_id`) REFERENCES `work_orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`technician_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `labour_lines_order_idx` ON `labour_lines` (`work_order_id`,`seq`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`kind` text NOT NULL,
	`work_order_id` text NOT NULL,
	`settlement_no` text NOT NULL,
	`state` text NOT NULL,
	`record` text NOT NULL,
	`issues` text DEFAULT '[]' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`last_error` text,
	`accepted_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`work_order_id`) REFERENCES `work_orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_seq_uq` ON `outbox` (`seq`);--> statement-breakpoint
CREATE INDEX `outbox_state_seq_idx` ON `outbox` (`state`,`seq`);--> statement-breakpoint
CREATE INDEX `outbox_order_idx` ON `outbox` (`work_order_id`);--> statement-breakpoint
CREATE TABLE `part_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`work_order_id` text NOT NULL,
	`seq` integer NOT NULL,
	`part_id` text,
	`name` text NOT NULL,
	`code` text DEFAULT '' NOT NULL,
	`brand` text DEFAULT '' NOT NULL,
	`unit` text DEFAULT '个' NOT NULL,
	`quantity` integer NOT NULL,
	`unit_price_fen` integer NOT NULL,
	`amount_fen` integer NOT NULL,
	`part_type` text NOT NULL,
	`customer_supplied` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`work_order_id`) REFERENCES `work_orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`part_id`) REFERENCES `parts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `part_lines_order_idx` ON `part_lines` (`work_order_id`,`seq`);--> statement-breakpoint
CREATE INDEX `part_lines_part_idx` ON `part_lines` (`part_id`);--> statement-breakpoint
CREATE TABLE `parts` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`brand` text DEFAULT '' NOT NULL,
	`spec` text DEFAULT '' NOT NULL,
	`unit` text DEFAULT '个' NOT NULL,
	`barcode` text,
	`part_type` text DEFAULT 'oem' NOT NULL,
	`sale_price_fen` integer DEFAULT 0 NOT NULL,
	`min_stock` integer DEFAULT 0 NOT NULL,
	`on_hand` integer DEFAULT 0 NOT NULL,
	`stock_value_fen` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `parts_code_uq` ON `parts` (`code`);--> statement-breakpoint
CREATE INDEX `parts_barcode_idx` ON `parts` (`barcode`);--> statement-breakpoint
CREATE TABLE `reversals` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`work_order_id` text NOT NULL,
	`reason` text NOT NULL,
	`total_fen` integer NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`work_order_id`) REFERENCES `work_orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reversals_number_uq` ON `reversals` (`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `reversals_order_uq` ON `reversals` (`work_order_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `shop` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`credit_code` text DEFAULT '' NOT NULL,
	`road_transport_licence` text DEFAULT '' NOT NULL,
	`shop_class` text,
	`address` text DEFAULT '' NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`contact_name` text DEFAULT '' NOT NULL,
	`city_code` text DEFAULT '' NOT NULL,
	`labour_rate_fen` integer DEFAULT 0 NOT NULL,
	`labour_standard` text DEFAULT '' NOT NULL,
	`allow_negative_stock` integer DEFAULT false NOT NULL,
	`work_order_prefix` text DEFAULT 'WO' NOT NULL,
	`settlement_prefix` text DEFAULT 'JS' NOT NULL,
	`timezone` text DEFAULT 'Asia/Shanghai' NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `stock_movements` (
	`id` text PRIMARY KEY NOT NULL,
	`part_id` text NOT NULL,
	`kind` text NOT NULL,
	`quantity` integer NOT NULL,
	`unit_cost_fen` integer NOT NULL,
	`value_fen` integer NOT NULL,
	`on_hand_after` integer NOT NULL,
	`supplier_id` text,
	`manufacturer` text DEFAULT '' NOT NULL,
	`doc_date` text NOT NULL,
	`doc_no` text DEFAULT '' NOT NULL,
	`work_order_id` text,
	`reversal_id` text,
	`reason` text DEFAULT '' NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`part_id`) REFERENCES `parts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`work_order_id`) REFERENCES `work_orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `stock_movements_part_idx` ON `stock_movements` (`part_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `stock_movements_order_idx` ON `stock_movements` (`work_order_id`);--> statement-breakpoint
CREATE INDEX `stock_movements_created_idx` ON `stock_movements` (`created_at`);--> statement-breakpoint
CREATE TABLE `suppliers` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`contact_name` text DEFAULT '' NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `suppliers_name_uq` ON `suppliers` (`name`);--> statement-breakpoint
CREATE TABLE `upload_ledger` (
	`id` text PRIMARY KEY NOT NULL,
	`outbox_id` text NOT NULL,
	`attempt` integer NOT NULL,
	`platform` text NOT NULL,
	`company_code` text NOT NULL,
	`settlement_no` text NOT NULL,
	`request` text NOT NULL,
	`response` text,
	`http_status` integer,
	`outcome` text NOT NULL,
	`error` text,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`outbox_id`) REFERENCES `outbox`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `upload_ledger_outbox_idx` ON `upload_ledger` (`outbox_id`,`attempt`);--> statement-breakpoint
CREATE INDEX `upload_ledger_started_idx` ON `upload_ledger` (`started_at`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`pin_hash` text DEFAULT '' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_name_uq` ON `users` (`name`);--> statement-breakpoint
CREATE TABLE `vehicle_owners` (
	`id` text PRIMARY KEY NOT NULL,
	`vehicle_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`from_at` integer NOT NULL,
	`to_at` integer,
	FOREIGN KEY (`vehicle_id`) REFERENCES `vehicles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `vehicle_owners_vehicle_idx` ON `vehicle_owners` (`vehicle_id`,`from_at`);--> statement-breakpoint
CREATE TABLE `vehicles` (
	`id` text PRIMARY KEY NOT NULL,
	`vin` text,
	`vin_check_confirmed` integer DEFAULT false NOT NULL,
	`plate` text,
	`unplated` integer DEFAULT false NOT NULL,
	`plate_color` text,
	`brand_model` text DEFAULT '' NOT NULL,
	`engine_no` text DEFAULT '' NOT NULL,
	`vehicle_type` text DEFAULT '' NOT NULL,
	`registration_date` text,
	`owner_id` text,
	`last_mileage_km` integer,
	`note` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `vehicles_vin_uq` ON `vehicles` (`vin`);--> statement-breakpoint
CREATE INDEX `vehicles_plate_idx` ON `vehicles` (`plate`);--> statement-breakpoint
CREATE INDEX `vehicles_owner_idx` ON `vehicles` (`owner_id`);--> statement-breakpoint
CREATE TABLE `work_order_technicians` (
	`work_order_id` text NOT NULL,
	`user_id` text NOT NULL,
	PRIMARY KEY(`work_order_id`, `user_id`),
	FOREIGN KEY (`work_order_id`) REFERENCES `work_orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `wot_user_idx` ON `work_order_technicians` (`user_id`);--> statement-breakpoint
CREATE TABLE `work_orders` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`vehicle_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`sender_name` text DEFAULT '' NOT NULL,
	`sender_phone` text DEFAULT '' NOT NULL,
	`repair_date` text NOT NULL,
	`mileage_in_km` integer,
	`mileage_out_km` integer,
	`fault_description` text DEFAULT '' NOT NULL,
	`repair_category` text NOT NULL,
	`status` text NOT NULL,
	`promised_at` integer,
	`inspector` text DEFAULT '' NOT NULL,
	`certificate_no` text DEFAULT '' NOT NULL,
	`completed_at` integer,
	`notes` text DEFAULT '' NOT NULL,
	`settlement_no` text,
	`settled_at` integer,
	`settle_date` text,
	`labour_total_fen` integer DEFAULT 0 NOT NULL,
	`parts_total_fen` integer DEFAULT 0 NOT NULL,
	`other_fee_fen` integer DEFAULT 0 NOT NULL,
	`discount_fen` integer DEFAULT 0 NOT NULL,
	`total_fen` integer DEFAULT 0 NOT NULL,
	`payment_method` text,
	`old_parts_disposition` text,
	`warranty_km` integer,
	`warranty_days` integer,
	`settled_by` text,
	`void_reason` text,
	`voided_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`vehicle_id`) REFERENCES `vehicles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `work_orders_number_uq` ON `work_orders` (`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `work_orders_settlement_no_uq` ON `work_orders` (`settlement_no`);--> statement-breakpoint
CREATE INDEX `work_orders_vehicle_idx` ON `work_orders` (`vehicle_id`,`repair_date`);--> statement-breakpoint
CREATE INDEX `work_orders_customer_idx` ON `work_orders` (`customer_id`);--> statement-breakpoint
CREATE INDEX `work_orders_status_created_idx` ON `work_orders` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `work_orders_created_idx` ON `work_orders` (`created_at`);--> statement-breakpoint
CREATE INDEX `work_orders_settle_date_idx` ON `work_orders` (`settle_date`);