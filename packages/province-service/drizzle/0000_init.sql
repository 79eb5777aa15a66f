CREATE SEQUENCE "public"."decision_serial" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE SEQUENCE "public"."violation_serial" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "handlings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"violation_id" text NOT NULL,
	"account_id" text NOT NULL,
	"decision_number" text NOT NULL,
	"handled_at" timestamp with time zone NOT NULL,
	"pay_by" timestamp with time zone NOT NULL,
	"reservation_id" text NOT NULL,
	"fine_yuan" integer NOT NULL,
	"points" integer NOT NULL,
	"state" text DEFAULT 'ACTIVE' NOT NULL,
	"reverted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "idempotency" (
	"operation" text NOT NULL,
	"principal" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idempotency_operation_principal_key_pk" PRIMARY KEY("operation","principal","key")
);
--> statement-breakpoint
CREATE TABLE "inbox" (
	"message_id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"source" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL
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
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"handling_id" uuid NOT NULL,
	"violation_id" text NOT NULL,
	"channel" text NOT NULL,
	"amount_yuan" integer NOT NULL,
	"paid_at" timestamp with time zone NOT NULL,
	"payer" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "province_settings" (
	"code" text PRIMARY KEY NOT NULL,
	"platform_open" boolean NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "violations" (
	"id" text PRIMARY KEY NOT NULL,
	"province_code" text NOT NULL,
	"plate" text NOT NULL,
	"plate_type" text NOT NULL,
	"code" text NOT NULL,
	"location" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"agency_area_code" text NOT NULL,
	"fine_yuan" integer NOT NULL,
	"points" integer NOT NULL,
	"warning_only" boolean NOT NULL,
	"simple_procedure" boolean NOT NULL,
	"fine_source" text NOT NULL,
	"fine_assumed" boolean NOT NULL,
	"status" text DEFAULT 'UNHANDLED' NOT NULL,
	"handling_id" uuid,
	"recorder" text NOT NULL,
	"source_record_key" text NOT NULL,
	"request_hash" text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "handlings_decision_number_uq" ON "handlings" USING btree ("decision_number");--> statement-breakpoint
CREATE INDEX "handlings_violation_idx" ON "handlings" USING btree ("violation_id");--> statement-breakpoint
CREATE INDEX "handlings_active_pay_by_idx" ON "handlings" USING btree ("pay_by") WHERE "handlings"."state" = 'ACTIVE';--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox" USING btree ("delivered_at","available_at");--> statement-breakpoint
CREATE INDEX "outbox_order_idx" ON "outbox" USING btree ("destination","ordering_key","seq") WHERE "outbox"."delivered_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "payments_handling_uq" ON "payments" USING btree ("handling_id");--> statement-breakpoint
CREATE UNIQUE INDEX "violations_recorder_key_uq" ON "violations" USING btree ("recorder","source_record_key");--> statement-breakpoint
CREATE INDEX "violations_plate_idx" ON "violations" USING btree ("plate");--> statement-breakpoint
CREATE INDEX "violations_status_idx" ON "violations" USING btree ("status") WHERE "violations"."status" <> 'PAID';