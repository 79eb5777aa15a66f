CREATE TABLE "accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"id_number" text NOT NULL,
	"phone" text NOT NULL,
	"user_type" text DEFAULT 'PERSON' NOT NULL,
	"province_code" text DEFAULT '50' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "accounts_id_number_unique" UNIQUE("id_number"),
	CONSTRAINT "accounts_phone_unique" UNIQUE("phone")
);
--> statement-breakpoint
CREATE TABLE "authorizations" (
	"handling_id" text PRIMARY KEY NOT NULL,
	"licence_number" text,
	"violation_id" text NOT NULL,
	"request" jsonb NOT NULL,
	"response" jsonb NOT NULL,
	"decided_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "filings" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"plate" text NOT NULL,
	"method" text NOT NULL,
	"status" text NOT NULL,
	"applied_at" timestamp with time zone NOT NULL,
	"effective_at" timestamp with time zone,
	"released_at" timestamp with time zone,
	"reviewed_by" text,
	"review_note" text,
	CONSTRAINT "filings_status" CHECK ("filings"."status" IN ('PENDING', 'ACTIVE', 'REJECTED', 'RELEASED')),
	CONSTRAINT "filings_method" CHECK ("filings"."method" IN ('QR', 'SMS', 'COMPANY_SMS')),
	CONSTRAINT "filings_active_has_time" CHECK ("filings"."status" <> 'ACTIVE' OR "filings"."effective_at" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "inbox" (
	"message_id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"source" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lease_drivers" (
	"lease_id" text NOT NULL,
	"id_number" text NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "lease_drivers_lease_id_id_number_pk" PRIMARY KEY("lease_id","id_number")
);
--> statement-breakpoint
CREATE TABLE "leases" (
	"id" text PRIMARY KEY NOT NULL,
	"partner_id" text NOT NULL,
	"plate" text NOT NULL,
	"lessee_id_number" text NOT NULL,
	"lessee_name" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "leases_period_in_order" CHECK ("leases"."ends_at" > "leases"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "licences" (
	"number" text PRIMARY KEY NOT NULL,
	"holder_id_number" text NOT NULL,
	"holder_name" text NOT NULL,
	"vehicle_class" text DEFAULT 'C1' NOT NULL,
	"first_issued_on" date NOT NULL,
	"states" text[] DEFAULT ARRAY['A']::text[] NOT NULL,
	"full_score_count_in_cycle" integer DEFAULT 0 NOT NULL,
	"full_score_cycle_start" date,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "licences_holder_id_number_unique" UNIQUE("holder_id_number"),
	CONSTRAINT "licences_full_score_count_nonneg" CHECK ("licences"."full_score_count_in_cycle" >= 0)
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "outbox_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"destination" text NOT NULL,
	"type" text NOT NULL,
	"ordering_key" text,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"available_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"delivered_at" timestamp with time zone,
	"last_error" text,
	"lease_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "partners" (
	"id" text PRIMARY KEY NOT NULL,
	"company_name" text NOT NULL,
	"credit_code" text NOT NULL,
	"api_key_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "partners_credit_code_unique" UNIQUE("credit_code"),
	CONSTRAINT "partners_api_key_hash_unique" UNIQUE("api_key_hash")
);
--> statement-breakpoint
CREATE TABLE "points_ledger" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"licence_number" text NOT NULL,
	"kind" text NOT NULL,
	"points" integer NOT NULL,
	"handling_id" text,
	"violation_id" text,
	"province_code" text,
	"at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"note" text,
	CONSTRAINT "points_ledger_kind" CHECK ("points_ledger"."kind" IN ('RESERVED', 'RELEASED', 'APPLIED', 'ADJUSTED')),
	CONSTRAINT "points_ledger_points" CHECK ("points_ledger"."kind" = 'ADJUSTED' OR "points_ledger"."points" >= 0),
	CONSTRAINT "points_ledger_handling" CHECK ("points_ledger"."kind" NOT IN ('RESERVED', 'RELEASED') OR "points_ledger"."handling_id" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "vehicles" (
	"plate" text PRIMARY KEY NOT NULL,
	"plate_type" text NOT NULL,
	"use_nature" text NOT NULL,
	"states" text[] DEFAULT ARRAY['A']::text[] NOT NULL,
	"owner_kind" text NOT NULL,
	"owner_id_number" text NOT NULL,
	"owner_name" text NOT NULL,
	"owner_phone" text,
	"manager_phone" text,
	"registered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "vehicles_owner_kind" CHECK ("vehicles"."owner_kind" IN ('PERSON', 'COMPANY')),
	CONSTRAINT "vehicles_company_manager" CHECK ("vehicles"."owner_kind" = 'PERSON' OR "vehicles"."manager_phone" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "violation_index" (
	"violation_id" text PRIMARY KEY NOT NULL,
	"plate" text NOT NULL,
	"province_code" text NOT NULL,
	"status" text NOT NULL,
	"facts" jsonb NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"synced_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "filings" ADD CONSTRAINT "filings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "filings" ADD CONSTRAINT "filings_plate_vehicles_plate_fk" FOREIGN KEY ("plate") REFERENCES "public"."vehicles"("plate") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lease_drivers" ADD CONSTRAINT "lease_drivers_lease_id_leases_id_fk" FOREIGN KEY ("lease_id") REFERENCES "public"."leases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leases" ADD CONSTRAINT "leases_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leases" ADD CONSTRAINT "leases_plate_vehicles_plate_fk" FOREIGN KEY ("plate") REFERENCES "public"."vehicles"("plate") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_ledger" ADD CONSTRAINT "points_ledger_licence_number_licences_number_fk" FOREIGN KEY ("licence_number") REFERENCES "public"."licences"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "filings_plate_idx" ON "filings" USING btree ("plate","status");--> statement-breakpoint
CREATE INDEX "filings_account_idx" ON "filings" USING btree ("account_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "filings_live_uq" ON "filings" USING btree ("account_id","plate") WHERE "filings"."status" IN ('PENDING', 'ACTIVE');--> statement-breakpoint
CREATE INDEX "lease_drivers_person_idx" ON "lease_drivers" USING btree ("id_number");--> statement-breakpoint
CREATE INDEX "leases_plate_idx" ON "leases" USING btree ("plate","starts_at");--> statement-breakpoint
CREATE INDEX "leases_lessee_idx" ON "leases" USING btree ("lessee_id_number");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox" USING btree ("delivered_at","available_at");--> statement-breakpoint
CREATE INDEX "outbox_order_idx" ON "outbox" USING btree ("destination","ordering_key","seq") WHERE "outbox"."delivered_at" is null;--> statement-breakpoint
CREATE INDEX "points_ledger_licence_idx" ON "points_ledger" USING btree ("licence_number","at");--> statement-breakpoint
CREATE UNIQUE INDEX "points_ledger_reservation_uq" ON "points_ledger" USING btree ("handling_id") WHERE "points_ledger"."kind" = 'RESERVED';--> statement-breakpoint
CREATE UNIQUE INDEX "points_ledger_settlement_uq" ON "points_ledger" USING btree ("handling_id") WHERE "points_ledger"."kind" IN ('RELEASED', 'APPLIED') AND "points_ledger"."handling_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "vehicles_owner_idx" ON "vehicles" USING btree ("owner_id_number");--> statement-breakpoint
CREATE INDEX "violation_index_plate_idx" ON "violation_index" USING btree ("plate","occurred_at");