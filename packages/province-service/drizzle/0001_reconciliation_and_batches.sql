CREATE TABLE "reconciliation_items" (
	"reconciliation_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"category" text NOT NULL,
	"payment_id" text NOT NULL,
	"violation_id" text,
	"platform_amount_yuan" integer,
	"bank_amount_yuan" integer,
	"paid_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "reconciliations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "reconciliations_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"bank_id" text NOT NULL,
	"business_day" text NOT NULL,
	"channel" text NOT NULL,
	"submission_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"reconciled_at" timestamp with time zone NOT NULL,
	"matched" integer NOT NULL,
	"platform_only" integer NOT NULL,
	"bank_only" integer NOT NULL,
	"amount_mismatches" integer NOT NULL,
	"platform_total_yuan" integer NOT NULL,
	"bank_total_yuan" integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "reconciliation_items_pk" ON "reconciliation_items" USING btree ("reconciliation_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "reconciliations_submission_uq" ON "reconciliations" USING btree ("bank_id","business_day","channel","submission_key");--> statement-breakpoint
CREATE INDEX "reconciliations_day_idx" ON "reconciliations" USING btree ("bank_id","business_day","channel","seq");--> statement-breakpoint
CREATE INDEX "payments_channel_paid_at_idx" ON "payments" USING btree ("channel","paid_at");