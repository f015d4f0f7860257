export type Json = string | number | boolean | null | {
  [key: string]: Json | undefined;
} | Json[];

export type Database = {
  "billing": {
    Tables: {
      "accounts": {
        Row: {
          "asset": string;
          "balance": number;
          "created_at": string;
          "daily_debited": number;
          "daily_limit": number | null;
          "daily_window": string;
          "frozen": boolean;
          "held": number;
          "id": string;
          "monthly_debited": number;
          "monthly_limit": number | null;
          "monthly_window": string;
          "organization_id": string | null;
          "owner_key": string;
          "owner_type": Database["billing"]["Enums"]["account_owner"];
          "platform_code": Database["billing"]["Enums"]["platform_code"] | null;
          "pool_spend_roles": (Database["public"]["Enums"]["org_role"])[];
          "updated_at": string;
          "user_id": string | null;
        };
        ComputedFields: never;
        Insert: {
          "asset": string;
          "balance"?: number;
          "created_at"?: string;
          "daily_debited"?: number;
          "daily_limit"?: number | null;
          "daily_window"?: string;
          "frozen"?: boolean;
          "held"?: number;
          "id"?: string;
          "monthly_debited"?: number;
          "monthly_limit"?: number | null;
          "monthly_window"?: string;
          "organization_id"?: string | null;
          "owner_key": string;
          "owner_type": Database["billing"]["Enums"]["account_owner"];
          "platform_code"?:
            | Database["billing"]["Enums"]["platform_code"]
            | null;
          "pool_spend_roles"?: (Database["public"]["Enums"]["org_role"])[];
          "updated_at"?: string;
          "user_id"?: string | null;
        };
        Update: {
          "asset"?: string;
          "balance"?: number;
          "created_at"?: string;
          "daily_debited"?: number;
          "daily_limit"?: number | null;
          "daily_window"?: string;
          "frozen"?: boolean;
          "held"?: number;
          "id"?: string;
          "monthly_debited"?: number;
          "monthly_limit"?: number | null;
          "monthly_window"?: string;
          "organization_id"?: string | null;
          "owner_key"?: string;
          "owner_type"?: Database["billing"]["Enums"]["account_owner"];
          "platform_code"?:
            | Database["billing"]["Enums"]["platform_code"]
            | null;
          "pool_spend_roles"?: (Database["public"]["Enums"]["org_role"])[];
          "updated_at"?: string;
          "user_id"?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: "accounts_asset_fkey";
            columns: ["asset"];
            isOneToOne: false;
            referencedRelation: "assets";
            referencedColumns: ["code"];
          },
        ];
      };
      "ai_limits": {
        Row: {
          "daily_credit_cap": number;
          "id": boolean;
          "requests_per_minute": number;
        };
        ComputedFields: never;
        Insert: {
          "daily_credit_cap": number;
          "id"?: boolean;
          "requests_per_minute": number;
        };
        Update: {
          "daily_credit_cap"?: number;
          "id"?: boolean;
          "requests_per_minute"?: number;
        };
        Relationships: [];
      };
      "ai_model_prices": {
        Row: {
          "active": boolean;
          "created_at": string;
          "input_credits_per_1k": number;
          "max_output_tokens": number;
          "minimum_credits": number;
          "model": string;
          "output_credits_per_1k": number;
          "provider": string;
          "updated_at": string;
        };
        ComputedFields: never;
        Insert: {
          "active"?: boolean;
          "created_at"?: string;
          "input_credits_per_1k": number;
          "max_output_tokens"?: number;
          "minimum_credits"?: number;
          "model": string;
          "output_credits_per_1k": number;
          "provider": string;
          "updated_at"?: string;
        };
        Update: {
          "active"?: boolean;
          "created_at"?: string;
          "input_credits_per_1k"?: number;
          "max_output_tokens"?: number;
          "minimum_credits"?: number;
          "model"?: string;
          "output_credits_per_1k"?: number;
          "provider"?: string;
          "updated_at"?: string;
        };
        Relationships: [];
      };
      "ai_requests": {
        Row: {
          "aborted": boolean;
          "account_id": string;
          "completed_at": string | null;
          "created_at": string;
          "credits_charged": number;
          "error": string | null;
          "estimated_input_tokens": number;
          "hold_id": string;
          "id": string;
          "idempotency_key": string;
          "input_tokens": number | null;
          "last_user_message": string | null;
          "max_output_tokens": number;
          "model": string;
          "organization_id": string | null;
          "output_tokens": number | null;
          "provider": string;
          "purpose_id": string | null;
          "purpose_type": string;
          "reserved_credits": number;
          "response": Json | null;
          "status": string;
          "user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "aborted"?: boolean;
          "account_id": string;
          "completed_at"?: string | null;
          "created_at"?: string;
          "credits_charged"?: number;
          "error"?: string | null;
          "estimated_input_tokens": number;
          "hold_id": string;
          "id"?: string;
          "idempotency_key": string;
          "input_tokens"?: number | null;
          "last_user_message"?: string | null;
          "max_output_tokens": number;
          "model": string;
          "organization_id"?: string | null;
          "output_tokens"?: number | null;
          "provider": string;
          "purpose_id"?: string | null;
          "purpose_type": string;
          "reserved_credits": number;
          "response"?: Json | null;
          "status"?: string;
          "user_id": string;
        };
        Update: {
          "aborted"?: boolean;
          "account_id"?: string;
          "completed_at"?: string | null;
          "created_at"?: string;
          "credits_charged"?: number;
          "error"?: string | null;
          "estimated_input_tokens"?: number;
          "hold_id"?: string;
          "id"?: string;
          "idempotency_key"?: string;
          "input_tokens"?: number | null;
          "last_user_message"?: string | null;
          "max_output_tokens"?: number;
          "model"?: string;
          "organization_id"?: string | null;
          "output_tokens"?: number | null;
          "provider"?: string;
          "purpose_id"?: string | null;
          "purpose_type"?: string;
          "reserved_credits"?: number;
          "response"?: Json | null;
          "status"?: string;
          "user_id"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "ai_requests_hold_id_fkey";
            columns: ["hold_id"];
            isOneToOne: false;
            referencedRelation: "holds";
            referencedColumns: ["id"];
          },
        ];
      };
      "ai_user_limits": {
        Row: {
          "daily_credit_cap": number | null;
          "requests_per_minute": number | null;
          "user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "daily_credit_cap"?: number | null;
          "requests_per_minute"?: number | null;
          "user_id": string;
        };
        Update: {
          "daily_credit_cap"?: number | null;
          "requests_per_minute"?: number | null;
          "user_id"?: string;
        };
        Relationships: [];
      };
      "assets": {
        Row: {
          "code": string;
          "description": string;
          "minor_unit_digits": number;
        };
        ComputedFields: never;
        Insert: {
          "code": string;
          "description": string;
          "minor_unit_digits": number;
        };
        Update: {
          "code"?: string;
          "description"?: string;
          "minor_unit_digits"?: number;
        };
        Relationships: [];
      };
      "connected_accounts": {
        Row: {
          "charges_enabled": boolean;
          "created_at": string;
          "details_submitted": boolean;
          "id": string;
          "onboarding_complete": boolean | null;
          "payouts_enabled": boolean;
          "requirements": NonNullable<Json>;
          "updated_at": string;
          "user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "charges_enabled"?: boolean;
          "created_at"?: string;
          "details_submitted"?: boolean;
          "id": string;
          "onboarding_complete"?: never;
          "payouts_enabled"?: boolean;
          "requirements"?: NonNullable<Json>;
          "updated_at"?: string;
          "user_id": string;
        };
        Update: {
          "charges_enabled"?: boolean;
          "created_at"?: string;
          "details_submitted"?: boolean;
          "id"?: string;
          "onboarding_complete"?: never;
          "payouts_enabled"?: boolean;
          "requirements"?: NonNullable<Json>;
          "updated_at"?: string;
          "user_id"?: string;
        };
        Relationships: [];
      };
      "credit_packages": {
        Row: {
          "active": boolean;
          "bonus_credits": number;
          "created_at": string;
          "credits": number;
          "currency": string;
          "id": string;
          "name": string;
          "price_amount": number;
          "sort_order": number;
          "stripe_price_id": string | null;
          "updated_at": string;
        };
        ComputedFields: never;
        Insert: {
          "active"?: boolean;
          "bonus_credits"?: number;
          "created_at"?: string;
          "credits": number;
          "currency"?: string;
          "id": string;
          "name": string;
          "price_amount": number;
          "sort_order"?: number;
          "stripe_price_id"?: string | null;
          "updated_at"?: string;
        };
        Update: {
          "active"?: boolean;
          "bonus_credits"?: number;
          "created_at"?: string;
          "credits"?: number;
          "currency"?: string;
          "id"?: string;
          "name"?: string;
          "price_amount"?: number;
          "sort_order"?: number;
          "stripe_price_id"?: string | null;
          "updated_at"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "credit_packages_currency_fkey";
            columns: ["currency"];
            isOneToOne: false;
            referencedRelation: "assets";
            referencedColumns: ["code"];
          },
        ];
      };
      "holds": {
        Row: {
          "account_id": string;
          "amount": number;
          "captured": number;
          "closed_at": string | null;
          "created_at": string;
          "created_by": string | null;
          "expires_at": string;
          "id": string;
          "metadata": NonNullable<Json>;
          "reference_id": string | null;
          "reference_type": string | null;
          "status": string;
        };
        ComputedFields: never;
        Insert: {
          "account_id": string;
          "amount": number;
          "captured"?: number;
          "closed_at"?: string | null;
          "created_at"?: string;
          "created_by"?: string | null;
          "expires_at": string;
          "id"?: string;
          "metadata"?: NonNullable<Json>;
          "reference_id"?: string | null;
          "reference_type"?: string | null;
          "status"?: string;
        };
        Update: {
          "account_id"?: string;
          "amount"?: number;
          "captured"?: number;
          "closed_at"?: string | null;
          "created_at"?: string;
          "created_by"?: string | null;
          "expires_at"?: string;
          "id"?: string;
          "metadata"?: NonNullable<Json>;
          "reference_id"?: string | null;
          "reference_type"?: string | null;
          "status"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "holds_account_id_fkey";
            columns: ["account_id"];
            isOneToOne: false;
            referencedRelation: "account_balances";
            referencedColumns: ["account_id"];
          },
          {
            foreignKeyName: "holds_account_id_fkey";
            columns: ["account_id"];
            isOneToOne: false;
            referencedRelation: "accounts";
            referencedColumns: ["id"];
          },
        ];
      };
      "payment_flags": {
        Row: {
          "created_at": string;
          "details": NonNullable<Json>;
          "id": string;
          "kind": string;
          "payment_id": string;
          "stripe_object_id": string;
        };
        ComputedFields: never;
        Insert: {
          "created_at"?: string;
          "details"?: NonNullable<Json>;
          "id"?: string;
          "kind": string;
          "payment_id": string;
          "stripe_object_id": string;
        };
        Update: {
          "created_at"?: string;
          "details"?: NonNullable<Json>;
          "id"?: string;
          "kind"?: string;
          "payment_id"?: string;
          "stripe_object_id"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "payment_flags_payment_id_fkey";
            columns: ["payment_id"];
            isOneToOne: false;
            referencedRelation: "payments";
            referencedColumns: ["id"];
          },
        ];
      };
      "payment_methods": {
        Row: {
          "brand": string | null;
          "created_at": string;
          "detached_at": string | null;
          "exp_month": number | null;
          "exp_year": number | null;
          "id": string;
          "last4": string | null;
          "organization_id": string | null;
          "stripe_customer_id": string | null;
          "type": string;
          "user_id": string | null;
        };
        ComputedFields: never;
        Insert: {
          "brand"?: string | null;
          "created_at"?: string;
          "detached_at"?: string | null;
          "exp_month"?: number | null;
          "exp_year"?: number | null;
          "id": string;
          "last4"?: string | null;
          "organization_id"?: string | null;
          "stripe_customer_id"?: string | null;
          "type": string;
          "user_id"?: string | null;
        };
        Update: {
          "brand"?: string | null;
          "created_at"?: string;
          "detached_at"?: string | null;
          "exp_month"?: number | null;
          "exp_year"?: number | null;
          "id"?: string;
          "last4"?: string | null;
          "organization_id"?: string | null;
          "stripe_customer_id"?: string | null;
          "type"?: string;
          "user_id"?: string | null;
        };
        Relationships: [];
      };
      "payments": {
        Row: {
          "amount": number;
          "amount_refunded": number;
          "created_at": string;
          "credits_granted": number;
          "currency": string;
          "disputed": boolean;
          "id": string;
          "kind": string;
          "metadata": NonNullable<Json>;
          "money_granted": number;
          "organization_id": string | null;
          "purpose_ref": string | null;
          "refund_shortfall": number;
          "status": string;
          "stripe_checkout_session_id": string | null;
          "stripe_invoice_id": string | null;
          "stripe_payment_intent_id": string | null;
          "updated_at": string;
          "user_id": string | null;
        };
        ComputedFields: never;
        Insert: {
          "amount": number;
          "amount_refunded"?: number;
          "created_at"?: string;
          "credits_granted"?: number;
          "currency": string;
          "disputed"?: boolean;
          "id"?: string;
          "kind": string;
          "metadata"?: NonNullable<Json>;
          "money_granted"?: number;
          "organization_id"?: string | null;
          "purpose_ref"?: string | null;
          "refund_shortfall"?: number;
          "status": string;
          "stripe_checkout_session_id"?: string | null;
          "stripe_invoice_id"?: string | null;
          "stripe_payment_intent_id"?: string | null;
          "updated_at"?: string;
          "user_id"?: string | null;
        };
        Update: {
          "amount"?: number;
          "amount_refunded"?: number;
          "created_at"?: string;
          "credits_granted"?: number;
          "currency"?: string;
          "disputed"?: boolean;
          "id"?: string;
          "kind"?: string;
          "metadata"?: NonNullable<Json>;
          "money_granted"?: number;
          "organization_id"?: string | null;
          "purpose_ref"?: string | null;
          "refund_shortfall"?: number;
          "status"?: string;
          "stripe_checkout_session_id"?: string | null;
          "stripe_invoice_id"?: string | null;
          "stripe_payment_intent_id"?: string | null;
          "updated_at"?: string;
          "user_id"?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: "payments_currency_fkey";
            columns: ["currency"];
            isOneToOne: false;
            referencedRelation: "assets";
            referencedColumns: ["code"];
          },
        ];
      };
      "payouts": {
        Row: {
          "amount": number;
          "amount_reversed": number;
          "connected_account_id": string;
          "created_at": string;
          "currency": string;
          "failure_reason": string | null;
          "id": string;
          "paid_at": string | null;
          "seller_id": string;
          "status": string;
          "stripe_transfer_id": string | null;
        };
        ComputedFields: never;
        Insert: {
          "amount": number;
          "amount_reversed"?: number;
          "connected_account_id": string;
          "created_at"?: string;
          "currency": string;
          "failure_reason"?: string | null;
          "id"?: string;
          "paid_at"?: string | null;
          "seller_id": string;
          "status"?: string;
          "stripe_transfer_id"?: string | null;
        };
        Update: {
          "amount"?: number;
          "amount_reversed"?: number;
          "connected_account_id"?: string;
          "created_at"?: string;
          "currency"?: string;
          "failure_reason"?: string | null;
          "id"?: string;
          "paid_at"?: string | null;
          "seller_id"?: string;
          "status"?: string;
          "stripe_transfer_id"?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: "payouts_connected_account_id_fkey";
            columns: ["connected_account_id"];
            isOneToOne: false;
            referencedRelation: "connected_accounts";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "payouts_currency_fkey";
            columns: ["currency"];
            isOneToOne: false;
            referencedRelation: "assets";
            referencedColumns: ["code"];
          },
        ];
      };
      "plans": {
        Row: {
          "active": boolean;
          "created_at": string;
          "currency": string;
          "features": NonNullable<Json>;
          "id": string;
          "is_default": boolean;
          "monthly_credits": number;
          "name": string;
          "price_amount": number;
          "product": string;
          "stripe_price_id": string | null;
          "tier": number;
          "updated_at": string;
        };
        ComputedFields: never;
        Insert: {
          "active"?: boolean;
          "created_at"?: string;
          "currency"?: string;
          "features"?: NonNullable<Json>;
          "id": string;
          "is_default"?: boolean;
          "monthly_credits"?: number;
          "name": string;
          "price_amount"?: number;
          "product": string;
          "stripe_price_id"?: string | null;
          "tier"?: number;
          "updated_at"?: string;
        };
        Update: {
          "active"?: boolean;
          "created_at"?: string;
          "currency"?: string;
          "features"?: NonNullable<Json>;
          "id"?: string;
          "is_default"?: boolean;
          "monthly_credits"?: number;
          "name"?: string;
          "price_amount"?: number;
          "product"?: string;
          "stripe_price_id"?: string | null;
          "tier"?: number;
          "updated_at"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "plans_currency_fkey";
            columns: ["currency"];
            isOneToOne: false;
            referencedRelation: "assets";
            referencedColumns: ["code"];
          },
        ];
      };
      "priced_items": {
        Row: {
          "active": boolean;
          "asset": string;
          "created_at": string;
          "item_id": string;
          "item_type": string;
          "price": number;
          "product": string;
          "updated_at": string;
        };
        ComputedFields: never;
        Insert: {
          "active"?: boolean;
          "asset"?: string;
          "created_at"?: string;
          "item_id": string;
          "item_type": string;
          "price": number;
          "product": string;
          "updated_at"?: string;
        };
        Update: {
          "active"?: boolean;
          "asset"?: string;
          "created_at"?: string;
          "item_id"?: string;
          "item_type"?: string;
          "price"?: number;
          "product"?: string;
          "updated_at"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "priced_items_asset_fkey";
            columns: ["asset"];
            isOneToOne: false;
            referencedRelation: "assets";
            referencedColumns: ["code"];
          },
        ];
      };
      "provider_balances": {
        Row: {
          "balance": number;
          "created_at": string;
          "credit_ratio": number;
          "currency": string;
          "last_sync_at": string | null;
          "low_balance_threshold": number;
          "provider": string;
          "updated_at": string;
        };
        ComputedFields: never;
        Insert: {
          "balance"?: number;
          "created_at"?: string;
          "credit_ratio"?: number;
          "currency"?: string;
          "last_sync_at"?: string | null;
          "low_balance_threshold"?: number;
          "provider": string;
          "updated_at"?: string;
        };
        Update: {
          "balance"?: number;
          "created_at"?: string;
          "credit_ratio"?: number;
          "currency"?: string;
          "last_sync_at"?: string | null;
          "low_balance_threshold"?: number;
          "provider"?: string;
          "updated_at"?: string;
        };
        Relationships: [];
      };
      "purchase_handlers": {
        Row: {
          "handler": string;
          "price_function": string | null;
          "product_type": string;
        };
        ComputedFields: never;
        Insert: {
          "handler": string;
          "price_function"?: string | null;
          "product_type": string;
        };
        Update: {
          "handler"?: string;
          "price_function"?: string | null;
          "product_type"?: string;
        };
        Relationships: [];
      };
      "refund_requests": {
        Row: {
          "amount": number;
          "created_at": string;
          "failure_reason": string | null;
          "id": string;
          "payment_id": string;
          "reason": string | null;
          "sent_at": string | null;
          "source_id": string;
          "source_type": string;
          "status": string;
          "stripe_refund_id": string | null;
        };
        ComputedFields: never;
        Insert: {
          "amount": number;
          "created_at"?: string;
          "failure_reason"?: string | null;
          "id"?: string;
          "payment_id": string;
          "reason"?: string | null;
          "sent_at"?: string | null;
          "source_id": string;
          "source_type": string;
          "status"?: string;
          "stripe_refund_id"?: string | null;
        };
        Update: {
          "amount"?: number;
          "created_at"?: string;
          "failure_reason"?: string | null;
          "id"?: string;
          "payment_id"?: string;
          "reason"?: string | null;
          "sent_at"?: string | null;
          "source_id"?: string;
          "source_type"?: string;
          "status"?: string;
          "stripe_refund_id"?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: "refund_requests_payment_id_fkey";
            columns: ["payment_id"];
            isOneToOne: false;
            referencedRelation: "payments";
            referencedColumns: ["id"];
          },
        ];
      };
      "seller_earnings": {
        Row: {
          "amount": number;
          "available_at": string;
          "created_at": string;
          "currency": string;
          "id": string;
          "payment_id": string | null;
          "payout_id": string | null;
          "seller_id": string;
          "source_id": string;
          "source_type": string;
          "status": string;
        };
        ComputedFields: never;
        Insert: {
          "amount": number;
          "available_at": string;
          "created_at"?: string;
          "currency": string;
          "id"?: string;
          "payment_id"?: string | null;
          "payout_id"?: string | null;
          "seller_id": string;
          "source_id": string;
          "source_type": string;
          "status"?: string;
        };
        Update: {
          "amount"?: number;
          "available_at"?: string;
          "created_at"?: string;
          "currency"?: string;
          "id"?: string;
          "payment_id"?: string | null;
          "payout_id"?: string | null;
          "seller_id"?: string;
          "source_id"?: string;
          "source_type"?: string;
          "status"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "seller_earnings_currency_fkey";
            columns: ["currency"];
            isOneToOne: false;
            referencedRelation: "assets";
            referencedColumns: ["code"];
          },
          {
            foreignKeyName: "seller_earnings_payment_id_fkey";
            columns: ["payment_id"];
            isOneToOne: false;
            referencedRelation: "payments";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "seller_earnings_payout_id_fkey";
            columns: ["payout_id"];
            isOneToOne: false;
            referencedRelation: "payouts";
            referencedColumns: ["id"];
          },
        ];
      };
      "stripe_customers": {
        Row: {
          "created_at": string;
          "email": string | null;
          "id": string;
          "organization_id": string | null;
          "user_id": string | null;
        };
        ComputedFields: never;
        Insert: {
          "created_at"?: string;
          "email"?: string | null;
          "id": string;
          "organization_id"?: string | null;
          "user_id"?: string | null;
        };
        Update: {
          "created_at"?: string;
          "email"?: string | null;
          "id"?: string;
          "organization_id"?: string | null;
          "user_id"?: string | null;
        };
        Relationships: [];
      };
      "subscriptions": {
        Row: {
          "cancel_at_period_end": boolean;
          "canceled_at": string | null;
          "created_at": string;
          "current_period_end": string | null;
          "current_period_start": string | null;
          "id": string;
          "last_event_at": string;
          "organization_id": string | null;
          "plan_id": string | null;
          "status": string;
          "stripe_customer_id": string | null;
          "stripe_subscription_id": string;
          "trial_end": string | null;
          "trial_start": string | null;
          "updated_at": string;
          "user_id": string | null;
        };
        ComputedFields: never;
        Insert: {
          "cancel_at_period_end"?: boolean;
          "canceled_at"?: string | null;
          "created_at"?: string;
          "current_period_end"?: string | null;
          "current_period_start"?: string | null;
          "id"?: string;
          "last_event_at": string;
          "organization_id"?: string | null;
          "plan_id"?: string | null;
          "status": string;
          "stripe_customer_id"?: string | null;
          "stripe_subscription_id": string;
          "trial_end"?: string | null;
          "trial_start"?: string | null;
          "updated_at"?: string;
          "user_id"?: string | null;
        };
        Update: {
          "cancel_at_period_end"?: boolean;
          "canceled_at"?: string | null;
          "created_at"?: string;
          "current_period_end"?: string | null;
          "current_period_start"?: string | null;
          "id"?: string;
          "last_event_at"?: string;
          "organization_id"?: string | null;
          "plan_id"?: string | null;
          "status"?: string;
          "stripe_customer_id"?: string | null;
          "stripe_subscription_id"?: string;
          "trial_end"?: string | null;
          "trial_start"?: string | null;
          "updated_at"?: string;
          "user_id"?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: "subscriptions_plan_id_fkey";
            columns: ["plan_id"];
            isOneToOne: false;
            referencedRelation: "plans";
            referencedColumns: ["id"];
          },
        ];
      };
      "transfers": {
        Row: {
          "amount": number;
          "asset": string;
          "created_at": string;
          "credit_account_id": string;
          "credit_balance_after": number | null;
          "debit_account_id": string;
          "debit_balance_after": number | null;
          "hold_id": string | null;
          "id": number;
          "initiated_by": string | null;
          "kind": Database["billing"]["Enums"]["transfer_kind"];
          "metadata": NonNullable<Json>;
          "reference_id": string | null;
          "reference_type": string | null;
        };
        ComputedFields: never;
        Insert: {
          "amount": number;
          "asset": string;
          "created_at"?: string;
          "credit_account_id": string;
          "credit_balance_after"?: number | null;
          "debit_account_id": string;
          "debit_balance_after"?: number | null;
          "hold_id"?: string | null;
          "id"?: never;
          "initiated_by"?: string | null;
          "kind": Database["billing"]["Enums"]["transfer_kind"];
          "metadata"?: NonNullable<Json>;
          "reference_id"?: string | null;
          "reference_type"?: string | null;
        };
        Update: {
          "amount"?: number;
          "asset"?: string;
          "created_at"?: string;
          "credit_account_id"?: string;
          "credit_balance_after"?: number | null;
          "debit_account_id"?: string;
          "debit_balance_after"?: number | null;
          "hold_id"?: string | null;
          "id"?: never;
          "initiated_by"?: string | null;
          "kind"?: Database["billing"]["Enums"]["transfer_kind"];
          "metadata"?: NonNullable<Json>;
          "reference_id"?: string | null;
          "reference_type"?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: "transfers_hold_id_fkey";
            columns: ["hold_id"];
            isOneToOne: false;
            referencedRelation: "holds";
            referencedColumns: ["id"];
          },
        ];
      };
      "wallet_refunds": {
        Row: {
          "account_id": string;
          "amount": number;
          "created_at": string;
          "created_by": string | null;
          "id": string;
          "purchase_transfer_id": number;
          "reason": string | null;
          "refund_transfer_id": number;
        };
        ComputedFields: never;
        Insert: {
          "account_id": string;
          "amount": number;
          "created_at"?: string;
          "created_by"?: string | null;
          "id"?: string;
          "purchase_transfer_id": number;
          "reason"?: string | null;
          "refund_transfer_id": number;
        };
        Update: {
          "account_id"?: string;
          "amount"?: number;
          "created_at"?: string;
          "created_by"?: string | null;
          "id"?: string;
          "purchase_transfer_id"?: number;
          "reason"?: string | null;
          "refund_transfer_id"?: number;
        };
        Relationships: [
          {
            foreignKeyName: "wallet_refunds_account_id_fkey";
            columns: ["account_id"];
            isOneToOne: false;
            referencedRelation: "account_balances";
            referencedColumns: ["account_id"];
          },
          {
            foreignKeyName: "wallet_refunds_account_id_fkey";
            columns: ["account_id"];
            isOneToOne: false;
            referencedRelation: "accounts";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "wallet_refunds_purchase_transfer_id_fkey";
            columns: ["purchase_transfer_id"];
            isOneToOne: false;
            referencedRelation: "transfers";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "wallet_refunds_refund_transfer_id_fkey";
            columns: ["refund_transfer_id"];
            isOneToOne: true;
            referencedRelation: "transfers";
            referencedColumns: ["id"];
          },
        ];
      };
    };
    Views: {
      "account_balances": {
        Row: {
          "account_id": string;
          "asset": string;
          "balance": number | null;
          "frozen": boolean;
          "held": number;
          "organization_id": string | null;
          "owner_type": Database["billing"]["Enums"]["account_owner"];
          "platform_code": Database["billing"]["Enums"]["platform_code"] | null;
          "user_id": string | null;
        };
        ComputedFields: never;
        Insert: {
          "account_id"?: string | null;
          "asset"?: string | null;
          "balance"?: never;
          "frozen"?: boolean | null;
          "held"?: number | null;
          "organization_id"?: string | null;
          "owner_type"?: Database["billing"]["Enums"]["account_owner"] | null;
          "platform_code"?:
            | Database["billing"]["Enums"]["platform_code"]
            | null;
          "user_id"?: string | null;
        };
        Update: {
          "account_id"?: string | null;
          "asset"?: string | null;
          "balance"?: never;
          "frozen"?: boolean | null;
          "held"?: number | null;
          "organization_id"?: string | null;
          "owner_type"?: Database["billing"]["Enums"]["account_owner"] | null;
          "platform_code"?:
            | Database["billing"]["Enums"]["platform_code"]
            | null;
          "user_id"?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: "accounts_asset_fkey";
            columns: ["asset"];
            isOneToOne: false;
            referencedRelation: "assets";
            referencedColumns: ["code"];
          },
        ];
      };
      "payout_items": {
        Row: {
          "amount": number;
          "currency": string;
          "earning_id": string;
          "payout_id": string | null;
          "source_id": string;
          "source_type": string;
        };
        ComputedFields: never;
        Insert: {
          "amount"?: number | null;
          "currency"?: string | null;
          "earning_id"?: string | null;
          "payout_id"?: string | null;
          "source_id"?: string | null;
          "source_type"?: string | null;
        };
        Update: {
          "amount"?: number | null;
          "currency"?: string | null;
          "earning_id"?: string | null;
          "payout_id"?: string | null;
          "source_id"?: string | null;
          "source_type"?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: "seller_earnings_currency_fkey";
            columns: ["currency"];
            isOneToOne: false;
            referencedRelation: "assets";
            referencedColumns: ["code"];
          },
          {
            foreignKeyName: "seller_earnings_payout_id_fkey";
            columns: ["payout_id"];
            isOneToOne: false;
            referencedRelation: "payouts";
            referencedColumns: ["id"];
          },
        ];
      };
    };
    Functions: {
      "ai_fail": {
        Args: { "p_error": string; "p_request_id": string };
        Returns: {
          "aborted": boolean;
          "account_id": string;
          "completed_at": string | null;
          "created_at": string;
          "credits_charged": number;
          "error": string | null;
          "estimated_input_tokens": number;
          "hold_id": string;
          "id": string;
          "idempotency_key": string;
          "input_tokens": number | null;
          "last_user_message": string | null;
          "max_output_tokens": number;
          "model": string;
          "organization_id": string | null;
          "output_tokens": number | null;
          "provider": string;
          "purpose_id": string | null;
          "purpose_type": string;
          "reserved_credits": number;
          "response": Json | null;
          "status": string;
          "user_id": string;
        };
        SetofOptions: {
          from: "*";
          to: "ai_requests";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "ai_prompt": {
        Args: {
          "p_messages": Json;
          "p_purpose_id": string;
          "p_purpose_type": string;
          "p_user_id": string;
        };
        Returns: Json;
      };
      "ai_reserve": {
        Args: {
          "p_idempotency_key": string;
          "p_input_tokens": number;
          "p_last_user_message": string;
          "p_max_output_tokens": number;
          "p_model": string;
          "p_organization_id": string;
          "p_purpose_id": string;
          "p_purpose_type": string;
          "p_user_id": string;
        };
        Returns: {
          "max_output_tokens": number;
          "provider": string;
          "request_id": string;
          "reserved_credits": number;
          "response": Json;
          "status": string;
        }[];
      };
      "ai_settle": {
        Args: {
          "p_aborted"?: boolean;
          "p_content": string;
          "p_input_tokens": number;
          "p_output_tokens": number;
          "p_request_id": string;
        };
        Returns: {
          "aborted": boolean;
          "account_id": string;
          "completed_at": string | null;
          "created_at": string;
          "credits_charged": number;
          "error": string | null;
          "estimated_input_tokens": number;
          "hold_id": string;
          "id": string;
          "idempotency_key": string;
          "input_tokens": number | null;
          "last_user_message": string | null;
          "max_output_tokens": number;
          "model": string;
          "organization_id": string | null;
          "output_tokens": number | null;
          "provider": string;
          "purpose_id": string | null;
          "purpose_type": string;
          "reserved_credits": number;
          "response": Json | null;
          "status": string;
          "user_id": string;
        };
        SetofOptions: {
          from: "*";
          to: "ai_requests";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "begin_payouts": {
        Args: Record<PropertyKey, never>;
        Returns: {
          "amount": number;
          "amount_reversed": number;
          "connected_account_id": string;
          "created_at": string;
          "currency": string;
          "failure_reason": string | null;
          "id": string;
          "paid_at": string | null;
          "seller_id": string;
          "status": string;
          "stripe_transfer_id": string | null;
        }[];
        SetofOptions: {
          from: "*";
          to: "payouts";
          isOneToOne: false;
          isSetofReturn: true;
        };
      };
      "capture_hold": {
        Args: {
          "p_amount": number;
          "p_credit_account_id": string;
          "p_final"?: boolean;
          "p_hold_id": string;
          "p_idempotency_key": string;
          "p_kind": string;
          "p_metadata"?: Json;
        };
        Returns: {
          "amount": number;
          "asset": string;
          "created_at": string;
          "credit_account_id": string;
          "credit_balance_after": number | null;
          "debit_account_id": string;
          "debit_balance_after": number | null;
          "hold_id": string | null;
          "id": number;
          "initiated_by": string | null;
          "kind": Database["billing"]["Enums"]["transfer_kind"];
          "metadata": NonNullable<Json>;
          "reference_id": string | null;
          "reference_type": string | null;
        };
        SetofOptions: {
          from: "*";
          to: "transfers";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "complete_payout": {
        Args: { "p_payout_id": string; "p_stripe_transfer_id": string };
        Returns: {
          "amount": number;
          "amount_reversed": number;
          "connected_account_id": string;
          "created_at": string;
          "currency": string;
          "failure_reason": string | null;
          "id": string;
          "paid_at": string | null;
          "seller_id": string;
          "status": string;
          "stripe_transfer_id": string | null;
        };
        SetofOptions: {
          from: "*";
          to: "payouts";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "create_hold": {
        Args: {
          "p_account_id": string;
          "p_amount": number;
          "p_expires_at": string;
          "p_idempotency_key": string;
          "p_metadata"?: Json;
          "p_reference_id"?: string;
          "p_reference_type"?: string;
        };
        Returns: {
          "account_id": string;
          "amount": number;
          "captured": number;
          "closed_at": string | null;
          "created_at": string;
          "created_by": string | null;
          "expires_at": string;
          "id": string;
          "metadata": NonNullable<Json>;
          "reference_id": string | null;
          "reference_type": string | null;
          "status": string;
        };
        SetofOptions: {
          from: "*";
          to: "holds";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "current_plan": {
        Args: {
          "p_organization_id"?: string;
          "p_product": string;
          "p_user_id": string;
        };
        Returns: {
          "cancel_at_period_end": boolean;
          "current_period_end": string;
          "features": Json;
          "monthly_credits": number;
          "name": string;
          "plan_id": string;
          "product": string;
          "source": string;
          "status": string;
          "subscription_id": string;
          "tier": number;
        }[];
      };
      "expire_holds": { Args: { "p_batch"?: number }; Returns: number };
      "extend_hold": {
        Args: {
          "p_amount": number;
          "p_expires_at": string;
          "p_hold_id": string;
          "p_idempotency_key": string;
        };
        Returns: {
          "account_id": string;
          "amount": number;
          "captured": number;
          "closed_at": string | null;
          "created_at": string;
          "created_by": string | null;
          "expires_at": string;
          "id": string;
          "metadata": NonNullable<Json>;
          "reference_id": string | null;
          "reference_type": string | null;
          "status": string;
        };
        SetofOptions: {
          from: "*";
          to: "holds";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "finish_refund_request": {
        Args: {
          "p_failure"?: string;
          "p_request_id": string;
          "p_stripe_refund_id": string;
        };
        Returns: {
          "amount": number;
          "created_at": string;
          "failure_reason": string | null;
          "id": string;
          "payment_id": string;
          "reason": string | null;
          "sent_at": string | null;
          "source_id": string;
          "source_type": string;
          "status": string;
          "stripe_refund_id": string | null;
        };
        SetofOptions: {
          from: "*";
          to: "refund_requests";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "handle_stripe_event": { Args: { "p_event": Json }; Returns: string };
      "hold_seller_earning": {
        Args: { "p_source_id": string; "p_source_type": string };
        Returns: {
          "amount": number;
          "available_at": string;
          "created_at": string;
          "currency": string;
          "id": string;
          "payment_id": string | null;
          "payout_id": string | null;
          "seller_id": string;
          "source_id": string;
          "source_type": string;
          "status": string;
        };
        SetofOptions: {
          from: "*";
          to: "seller_earnings";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "ledger_violations": {
        Args: Record<PropertyKey, never>;
        Returns: (string)[];
      };
      "my_balances": {
        Args: Record<PropertyKey, never>;
        Returns: {
          "account_id": string;
          "asset": string;
          "available": number;
          "balance": number;
          "frozen": boolean;
          "held": number;
          "organization_id": string;
          "owner_type": string;
        }[];
      };
      "my_plan": {
        Args: { "p_organization_id"?: string; "p_product": string };
        Returns: {
          "cancel_at_period_end": boolean;
          "current_period_end": string;
          "features": Json;
          "monthly_credits": number;
          "name": string;
          "plan_id": string;
          "product": string;
          "source": string;
          "status": string;
          "subscription_id": string;
          "tier": number;
        }[];
      };
      "my_statement": {
        Args: {
          "p_account_id": string;
          "p_before_id"?: number;
          "p_limit"?: number;
        };
        Returns: {
          "amount": number;
          "balance_after": number;
          "balance_before": number;
          "counterparty": string;
          "created_at": string;
          "direction": string;
          "kind": string;
          "metadata": Json;
          "reference_id": string;
          "reference_type": string;
          "transfer_id": number;
        }[];
      };
      "organization_account": {
        Args: { "p_asset": string; "p_organization_id": string };
        Returns: string;
      };
      "platform_account": {
        Args: { "p_asset": string; "p_code": string };
        Returns: string;
      };
      "prepare_checkout": {
        Args: {
          "p_amount"?: number;
          "p_currency"?: string;
          "p_organization_id"?: string;
          "p_product_type"?: string;
          "p_purpose": string;
          "p_ref"?: string;
        };
        Returns: {
          "amount": number;
          "currency": string;
          "kind": string;
          "name": string;
          "organization_id": string;
          "ref": string;
          "stripe_customer_id": string;
          "stripe_price_id": string;
          "user_id": string;
        }[];
      };
      "provider_balance_status": {
        Args: Record<PropertyKey, never>;
        Returns: {
          "balance": number;
          "credit_ratio": number;
          "currency": string;
          "is_low": boolean;
          "last_sync_at": string;
          "low_balance_threshold": number;
          "provider": string;
        }[];
      };
      "put_back_payout": {
        Args: { "p_payout_id": string; "p_reason": string; "p_status": string };
        Returns: {
          "amount": number;
          "amount_reversed": number;
          "connected_account_id": string;
          "created_at": string;
          "currency": string;
          "failure_reason": string | null;
          "id": string;
          "paid_at": string | null;
          "seller_id": string;
          "status": string;
          "stripe_transfer_id": string | null;
        };
        SetofOptions: {
          from: "*";
          to: "payouts";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "record_provider_spend": {
        Args: { "p_amount": number; "p_provider": string };
        Returns: {
          "balance": number;
          "created_at": string;
          "credit_ratio": number;
          "currency": string;
          "last_sync_at": string | null;
          "low_balance_threshold": number;
          "provider": string;
          "updated_at": string;
        };
        SetofOptions: {
          from: "*";
          to: "provider_balances";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "record_seller_earning": {
        Args: {
          "p_amount": number;
          "p_available_at"?: string;
          "p_currency": string;
          "p_payment_id"?: string;
          "p_seller_id": string;
          "p_source_id": string;
          "p_source_type": string;
        };
        Returns: string;
      };
      "record_stripe_event_failure": {
        Args: {
          "p_error": string;
          "p_event_id": string;
          "p_payload": Json;
          "p_type": string;
        };
        Returns: undefined;
      };
      "refund_purchase": {
        Args: {
          "p_amount": number;
          "p_idempotency_key": string;
          "p_reason"?: string;
          "p_transfer_id": number;
        };
        Returns: {
          "amount": number;
          "asset": string;
          "created_at": string;
          "credit_account_id": string;
          "credit_balance_after": number | null;
          "debit_account_id": string;
          "debit_balance_after": number | null;
          "hold_id": string | null;
          "id": number;
          "initiated_by": string | null;
          "kind": Database["billing"]["Enums"]["transfer_kind"];
          "metadata": NonNullable<Json>;
          "reference_id": string | null;
          "reference_type": string | null;
        };
        SetofOptions: {
          from: "*";
          to: "transfers";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "register_connected_account": {
        Args: { "p_account_id": string; "p_user_id": string };
        Returns: {
          "charges_enabled": boolean;
          "created_at": string;
          "details_submitted": boolean;
          "id": string;
          "onboarding_complete": boolean | null;
          "payouts_enabled": boolean;
          "requirements": NonNullable<Json>;
          "updated_at": string;
          "user_id": string;
        };
        SetofOptions: {
          from: "*";
          to: "connected_accounts";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "register_stripe_customer": {
        Args: {
          "p_customer_id": string;
          "p_email": string;
          "p_organization_id": string;
          "p_user_id": string;
        };
        Returns: string;
      };
      "release_hold": {
        Args: { "p_hold_id": string; "p_idempotency_key": string };
        Returns: {
          "account_id": string;
          "amount": number;
          "captured": number;
          "closed_at": string | null;
          "created_at": string;
          "created_by": string | null;
          "expires_at": string;
          "id": string;
          "metadata": NonNullable<Json>;
          "reference_id": string | null;
          "reference_type": string | null;
          "status": string;
        };
        SetofOptions: {
          from: "*";
          to: "holds";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "release_seller_earning": {
        Args: { "p_source_id": string; "p_source_type": string };
        Returns: {
          "amount": number;
          "available_at": string;
          "created_at": string;
          "currency": string;
          "id": string;
          "payment_id": string | null;
          "payout_id": string | null;
          "seller_id": string;
          "source_id": string;
          "source_type": string;
          "status": string;
        };
        SetofOptions: {
          from: "*";
          to: "seller_earnings";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "request_refund": {
        Args: {
          "p_amount": number;
          "p_payment_id": string;
          "p_reason": string;
          "p_source_id": string;
          "p_source_type": string;
        };
        Returns: string;
      };
      "set_account_controls": {
        Args: {
          "p_account_id": string;
          "p_daily_limit"?: number;
          "p_frozen": boolean;
          "p_monthly_limit"?: number;
        };
        Returns: {
          "asset": string;
          "balance": number;
          "created_at": string;
          "daily_debited": number;
          "daily_limit": number | null;
          "daily_window": string;
          "frozen": boolean;
          "held": number;
          "id": string;
          "monthly_debited": number;
          "monthly_limit": number | null;
          "monthly_window": string;
          "organization_id": string | null;
          "owner_key": string;
          "owner_type": Database["billing"]["Enums"]["account_owner"];
          "platform_code": Database["billing"]["Enums"]["platform_code"] | null;
          "pool_spend_roles": (Database["public"]["Enums"]["org_role"])[];
          "updated_at": string;
          "user_id": string | null;
        };
        SetofOptions: {
          from: "*";
          to: "accounts";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "set_pool_spend_roles": {
        Args: {
          "p_organization_id": string;
          "p_roles": (Database["public"]["Enums"]["org_role"])[];
        };
        Returns: undefined;
      };
      "settle_held_earning": {
        Args: {
          "p_amount": number;
          "p_source_id": string;
          "p_source_type": string;
        };
        Returns: undefined;
      };
      "spend_credits": {
        Args: {
          "p_idempotency_key": string;
          "p_item_id": string;
          "p_item_type": string;
          "p_organization_id"?: string;
        };
        Returns: {
          "amount": number;
          "asset": string;
          "created_at": string;
          "credit_account_id": string;
          "credit_balance_after": number | null;
          "debit_account_id": string;
          "debit_balance_after": number | null;
          "hold_id": string | null;
          "id": number;
          "initiated_by": string | null;
          "kind": Database["billing"]["Enums"]["transfer_kind"];
          "metadata": NonNullable<Json>;
          "reference_id": string | null;
          "reference_type": string | null;
        };
        SetofOptions: {
          from: "*";
          to: "transfers";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "spend_item": {
        Args: {
          "p_asset": string;
          "p_idempotency_key": string;
          "p_item_id": string;
          "p_item_type": string;
          "p_organization_id"?: string;
        };
        Returns: {
          "amount": number;
          "asset": string;
          "created_at": string;
          "credit_account_id": string;
          "credit_balance_after": number | null;
          "debit_account_id": string;
          "debit_balance_after": number | null;
          "hold_id": string | null;
          "id": number;
          "initiated_by": string | null;
          "kind": Database["billing"]["Enums"]["transfer_kind"];
          "metadata": NonNullable<Json>;
          "reference_id": string | null;
          "reference_type": string | null;
        };
        SetofOptions: {
          from: "*";
          to: "transfers";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "stripe_api_version": {
        Args: Record<PropertyKey, never>;
        Returns: string;
      };
      "transfer": {
        Args: {
          "p_amount": number;
          "p_credit_account_id": string;
          "p_debit_account_id": string;
          "p_idempotency_key": string;
          "p_kind": string;
          "p_metadata"?: Json;
          "p_reference_id"?: string;
          "p_reference_type"?: string;
        };
        Returns: {
          "amount": number;
          "asset": string;
          "created_at": string;
          "credit_account_id": string;
          "credit_balance_after": number | null;
          "debit_account_id": string;
          "debit_balance_after": number | null;
          "hold_id": string | null;
          "id": number;
          "initiated_by": string | null;
          "kind": Database["billing"]["Enums"]["transfer_kind"];
          "metadata": NonNullable<Json>;
          "reference_id": string | null;
          "reference_type": string | null;
        };
        SetofOptions: {
          from: "*";
          to: "transfers";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "user_account": {
        Args: { "p_asset": string; "p_user_id": string };
        Returns: string;
      };
    };
    Enums: {
      "account_owner": "user" | "organization" | "platform";
      "platform_code":
        | "revenue"
        | "stripe_clearing"
        | "promotions"
        | "payouts_payable"
        | "ai_provider_spend"
        | "adjustments";
      "transfer_kind":
        | "purchase"
        | "top_up"
        | "usage"
        | "refund"
        | "bonus"
        | "payment"
        | "fee"
        | "payout"
        | "adjustment";
    };
    CompositeTypes: {
      [_ in never]: never;
    };
  };
  "gigs": {
    Tables: {
      "ai_enhancements": {
        Row: {
          "ai_request_id": string | null;
          "created_at": string;
          "credits_used": number;
          "enhancement_type": string;
          "error_message": string | null;
          "id": string;
          "prompt": string | null;
          "result": string | null;
          "source_image_id": string | null;
          "status": string;
          "user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "ai_request_id"?: string | null;
          "created_at"?: string;
          "credits_used"?: number;
          "enhancement_type"?: string;
          "error_message"?: string | null;
          "id"?: string;
          "prompt"?: string | null;
          "result"?: string | null;
          "source_image_id"?: string | null;
          "status": string;
          "user_id": string;
        };
        Update: {
          "ai_request_id"?: string | null;
          "created_at"?: string;
          "credits_used"?: number;
          "enhancement_type"?: string;
          "error_message"?: string | null;
          "id"?: string;
          "prompt"?: string | null;
          "result"?: string | null;
          "source_image_id"?: string | null;
          "status"?: string;
          "user_id"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "ai_enhancements_source_image_id_fkey";
            columns: ["source_image_id"];
            isOneToOne: false;
            referencedRelation: "source_images";
            referencedColumns: ["id"];
          },
        ];
      };
      "source_images": {
        Row: {
          "created_at": string;
          "height": number | null;
          "id": string;
          "mime_type": string;
          "storage_path": string;
          "user_id": string;
          "width": number | null;
        };
        ComputedFields: never;
        Insert: {
          "created_at"?: string;
          "height"?: number | null;
          "id"?: string;
          "mime_type": string;
          "storage_path": string;
          "user_id": string;
          "width"?: number | null;
        };
        Update: {
          "created_at"?: string;
          "height"?: number | null;
          "id"?: string;
          "mime_type"?: string;
          "storage_path"?: string;
          "user_id"?: string;
          "width"?: number | null;
        };
        Relationships: [];
      };
    };
    Views: {
      [_ in never]: never;
    };
    Functions: {
      "ai_record_enhancement": {
        Args: {
          "p_content": string;
          "p_request": Omit<
            Database["billing"]["Tables"]["ai_requests"]["Row"],
            Database["billing"]["Tables"]["ai_requests"]["ComputedFields"]
          >;
        };
        Returns: undefined;
      };
      "ai_validate_source_image": {
        Args: { "p_purpose_id": string; "p_user_id": string };
        Returns: boolean;
      };
    };
    Enums: {
      [_ in never]: never;
    };
    CompositeTypes: {
      [_ in never]: never;
    };
  };
  "graphql_public": {
    Tables: {
      [_ in never]: never;
    };
    Views: {
      [_ in never]: never;
    };
    Functions: {
      [_ in never]: never;
    };
    Enums: {
      [_ in never]: never;
    };
    CompositeTypes: {
      [_ in never]: never;
    };
  };
  "lounge": {
    Tables: {
      [_ in never]: never;
    };
    Views: {
      [_ in never]: never;
    };
    Functions: {
      [_ in never]: never;
    };
    Enums: {
      [_ in never]: never;
    };
    CompositeTypes: {
      [_ in never]: never;
    };
  };
  "public": {
    Tables: {
      "blocks": {
        Row: {
          "blocked_id": string;
          "blocker_id": string;
          "created_at": string;
        };
        ComputedFields: never;
        Insert: {
          "blocked_id": string;
          "blocker_id": string;
          "created_at"?: string;
        };
        Update: {
          "blocked_id"?: string;
          "blocker_id"?: string;
          "created_at"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "blocks_blocked_id_fkey";
            columns: ["blocked_id"];
            isOneToOne: false;
            referencedRelation: "profiles";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "blocks_blocker_id_fkey";
            columns: ["blocker_id"];
            isOneToOne: false;
            referencedRelation: "profiles";
            referencedColumns: ["id"];
          },
        ];
      };
      "calls": {
        Row: {
          "conversation_id": string;
          "ended_at": string | null;
          "ended_by": string | null;
          "id": string;
          "started_at": string;
          "started_by": string | null;
          "status": string;
        };
        ComputedFields: never;
        Insert: {
          "conversation_id": string;
          "ended_at"?: string | null;
          "ended_by"?: string | null;
          "id"?: string;
          "started_at"?: string;
          "started_by"?: string | null;
          "status"?: string;
        };
        Update: {
          "conversation_id"?: string;
          "ended_at"?: string | null;
          "ended_by"?: string | null;
          "id"?: string;
          "started_at"?: string;
          "started_by"?: string | null;
          "status"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "calls_conversation_id_fkey";
            columns: ["conversation_id"];
            isOneToOne: false;
            referencedRelation: "conversations";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "calls_ended_by_fkey";
            columns: ["ended_by"];
            isOneToOne: false;
            referencedRelation: "profiles";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "calls_started_by_fkey";
            columns: ["started_by"];
            isOneToOne: false;
            referencedRelation: "profiles";
            referencedColumns: ["id"];
          },
        ];
      };
      "conversation_participants": {
        Row: {
          "conversation_id": string;
          "joined_at": string;
          "last_read_at": string | null;
          "last_read_message_id": number | null;
          "muted": boolean;
          "role": string;
          "unread_count": number;
          "user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "conversation_id": string;
          "joined_at"?: string;
          "last_read_at"?: string | null;
          "last_read_message_id"?: number | null;
          "muted"?: boolean;
          "role"?: string;
          "unread_count"?: number;
          "user_id": string;
        };
        Update: {
          "conversation_id"?: string;
          "joined_at"?: string;
          "last_read_at"?: string | null;
          "last_read_message_id"?: number | null;
          "muted"?: boolean;
          "role"?: string;
          "unread_count"?: number;
          "user_id"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "conversation_participants_conversation_id_fkey";
            columns: ["conversation_id"];
            isOneToOne: false;
            referencedRelation: "conversations";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "conversation_participants_user_id_fkey";
            columns: ["user_id"];
            isOneToOne: false;
            referencedRelation: "profiles";
            referencedColumns: ["id"];
          },
        ];
      };
      "conversations": {
        Row: {
          "channel_type": string | null;
          "created_at": string;
          "created_by": string | null;
          "encrypted": boolean;
          "id": string;
          "kind": string;
          "last_message_at": string | null;
          "last_message_id": number | null;
          "last_message_preview": string | null;
          "retention_hours": number | null;
          "subject_id": string | null;
          "subject_type": string | null;
          "title": string | null;
          "updated_at": string;
        };
        ComputedFields: never;
        Insert: {
          "channel_type"?: string | null;
          "created_at"?: string;
          "created_by"?: string | null;
          "encrypted"?: boolean;
          "id"?: string;
          "kind": string;
          "last_message_at"?: string | null;
          "last_message_id"?: number | null;
          "last_message_preview"?: string | null;
          "retention_hours"?: number | null;
          "subject_id"?: string | null;
          "subject_type"?: string | null;
          "title"?: string | null;
          "updated_at"?: string;
        };
        Update: {
          "channel_type"?: string | null;
          "created_at"?: string;
          "created_by"?: string | null;
          "encrypted"?: boolean;
          "id"?: string;
          "kind"?: string;
          "last_message_at"?: string | null;
          "last_message_id"?: number | null;
          "last_message_preview"?: string | null;
          "retention_hours"?: number | null;
          "subject_id"?: string | null;
          "subject_type"?: string | null;
          "title"?: string | null;
          "updated_at"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "conversations_created_by_fkey";
            columns: ["created_by"];
            isOneToOne: false;
            referencedRelation: "profiles";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "conversations_last_message_fkey";
            columns: ["last_message_id"];
            isOneToOne: false;
            referencedRelation: "messages";
            referencedColumns: ["id"];
          },
        ];
      };
      "friendships": {
        Row: {
          "addressee_id": string;
          "created_at": string;
          "id": string;
          "requester_id": string;
          "responded_at": string | null;
          "status": string;
        };
        ComputedFields: never;
        Insert: {
          "addressee_id": string;
          "created_at"?: string;
          "id"?: string;
          "requester_id": string;
          "responded_at"?: string | null;
          "status"?: string;
        };
        Update: {
          "addressee_id"?: string;
          "created_at"?: string;
          "id"?: string;
          "requester_id"?: string;
          "responded_at"?: string | null;
          "status"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "friendships_addressee_id_fkey";
            columns: ["addressee_id"];
            isOneToOne: false;
            referencedRelation: "profiles";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "friendships_requester_id_fkey";
            columns: ["requester_id"];
            isOneToOne: false;
            referencedRelation: "profiles";
            referencedColumns: ["id"];
          },
        ];
      };
      "group_members": {
        Row: {
          "group_id": string;
          "id": string;
          "invited_by": string | null;
          "joined_at": string;
          "nickname": string | null;
          "notify_chat_mentions": boolean;
          "notify_session_reminders": boolean;
          "role": Database["public"]["Enums"]["group_role"];
          "user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "group_id": string;
          "id"?: string;
          "invited_by"?: string | null;
          "joined_at"?: string;
          "nickname"?: string | null;
          "notify_chat_mentions"?: boolean;
          "notify_session_reminders"?: boolean;
          "role"?: Database["public"]["Enums"]["group_role"];
          "user_id": string;
        };
        Update: {
          "group_id"?: string;
          "id"?: string;
          "invited_by"?: string | null;
          "joined_at"?: string;
          "nickname"?: string | null;
          "notify_chat_mentions"?: boolean;
          "notify_session_reminders"?: boolean;
          "role"?: Database["public"]["Enums"]["group_role"];
          "user_id"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "group_members_group_id_fkey";
            columns: ["group_id"];
            isOneToOne: false;
            referencedRelation: "groups";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "group_members_invited_by_fkey";
            columns: ["invited_by"];
            isOneToOne: false;
            referencedRelation: "profiles";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "group_members_user_id_fkey";
            columns: ["user_id"];
            isOneToOne: false;
            referencedRelation: "profiles";
            referencedColumns: ["id"];
          },
        ];
      };
      "group_permissions": {
        Row: {
          "granted_at": string;
          "granted_by": string | null;
          "group_id": string;
          "id": string;
          "permission": string;
          "user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "granted_at"?: string;
          "granted_by"?: string | null;
          "group_id": string;
          "id"?: string;
          "permission": string;
          "user_id": string;
        };
        Update: {
          "granted_at"?: string;
          "granted_by"?: string | null;
          "group_id"?: string;
          "id"?: string;
          "permission"?: string;
          "user_id"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "group_permissions_granted_by_fkey";
            columns: ["granted_by"];
            isOneToOne: false;
            referencedRelation: "profiles";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "group_permissions_group_id_fkey";
            columns: ["group_id"];
            isOneToOne: false;
            referencedRelation: "groups";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "group_permissions_user_id_fkey";
            columns: ["user_id"];
            isOneToOne: false;
            referencedRelation: "profiles";
            referencedColumns: ["id"];
          },
        ];
      };
      "groups": {
        Row: {
          "created_at": string;
          "created_by": string | null;
          "description": string | null;
          "id": string;
          "is_public": boolean;
          "max_members": number | null;
          "name": string;
          "organization_id": string | null;
          "settings": NonNullable<Json>;
          "slug": string;
          "updated_at": string;
        };
        ComputedFields: never;
        Insert: {
          "created_at"?: string;
          "created_by"?: string | null;
          "description"?: string | null;
          "id"?: string;
          "is_public"?: boolean;
          "max_members"?: number | null;
          "name": string;
          "organization_id"?: string | null;
          "settings"?: NonNullable<Json>;
          "slug": string;
          "updated_at"?: string;
        };
        Update: {
          "created_at"?: string;
          "created_by"?: string | null;
          "description"?: string | null;
          "id"?: string;
          "is_public"?: boolean;
          "max_members"?: number | null;
          "name"?: string;
          "organization_id"?: string | null;
          "settings"?: NonNullable<Json>;
          "slug"?: string;
          "updated_at"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "groups_created_by_fkey";
            columns: ["created_by"];
            isOneToOne: false;
            referencedRelation: "profiles";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "groups_organization_id_fkey";
            columns: ["organization_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      "invitations": {
        Row: {
          "accepted_at": string | null;
          "accepted_by": string | null;
          "created_at": string;
          "expires_at": string;
          "group_id": string | null;
          "id": string;
          "invited_by": string | null;
          "invited_email": string | null;
          "invited_user_id": string | null;
          "organization_id": string | null;
          "role": string;
          "token_hash": string;
        };
        ComputedFields: never;
        Insert: {
          "accepted_at"?: string | null;
          "accepted_by"?: string | null;
          "created_at"?: string;
          "expires_at"?: string;
          "group_id"?: string | null;
          "id"?: string;
          "invited_by"?: string | null;
          "invited_email"?: string | null;
          "invited_user_id"?: string | null;
          "organization_id"?: string | null;
          "role": string;
          "token_hash": string;
        };
        Update: {
          "accepted_at"?: string | null;
          "accepted_by"?: string | null;
          "created_at"?: string;
          "expires_at"?: string;
          "group_id"?: string | null;
          "id"?: string;
          "invited_by"?: string | null;
          "invited_email"?: string | null;
          "invited_user_id"?: string | null;
          "organization_id"?: string | null;
          "role"?: string;
          "token_hash"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "invitations_accepted_by_fkey";
            columns: ["accepted_by"];
            isOneToOne: false;
            referencedRelation: "profiles";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "invitations_group_id_fkey";
            columns: ["group_id"];
            isOneToOne: false;
            referencedRelation: "groups";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "invitations_invited_by_fkey";
            columns: ["invited_by"];
            isOneToOne: false;
            referencedRelation: "profiles";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "invitations_invited_user_id_fkey";
            columns: ["invited_user_id"];
            isOneToOne: false;
            referencedRelation: "profiles";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "invitations_organization_id_fkey";
            columns: ["organization_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      "message_receipts": {
        Row: {
          "delivered_at": string;
          "message_id": number;
          "read_at": string | null;
          "user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "delivered_at"?: string;
          "message_id": number;
          "read_at"?: string | null;
          "user_id": string;
        };
        Update: {
          "delivered_at"?: string;
          "message_id"?: number;
          "read_at"?: string | null;
          "user_id"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "message_receipts_message_id_fkey";
            columns: ["message_id"];
            isOneToOne: false;
            referencedRelation: "messages";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "message_receipts_user_id_fkey";
            columns: ["user_id"];
            isOneToOne: false;
            referencedRelation: "profiles";
            referencedColumns: ["id"];
          },
        ];
      };
      "messages": {
        Row: {
          "attachments": NonNullable<Json>;
          "author_id": string | null;
          "content": string;
          "conversation_id": string;
          "created_at": string;
          "deleted_at": string | null;
          "edited_at": string | null;
          "id": number;
          "reply_to_id": number | null;
          "roll_data": Json | null;
          "type": string;
          "whisper_to": (string)[] | null;
        };
        ComputedFields: never;
        Insert: {
          "attachments"?: NonNullable<Json>;
          "author_id"?: string | null;
          "content": string;
          "conversation_id": string;
          "created_at"?: string;
          "deleted_at"?: string | null;
          "edited_at"?: string | null;
          "id"?: never;
          "reply_to_id"?: number | null;
          "roll_data"?: Json | null;
          "type"?: string;
          "whisper_to"?: (string)[] | null;
        };
        Update: {
          "attachments"?: NonNullable<Json>;
          "author_id"?: string | null;
          "content"?: string;
          "conversation_id"?: string;
          "created_at"?: string;
          "deleted_at"?: string | null;
          "edited_at"?: string | null;
          "id"?: never;
          "reply_to_id"?: number | null;
          "roll_data"?: Json | null;
          "type"?: string;
          "whisper_to"?: (string)[] | null;
        };
        Relationships: [
          {
            foreignKeyName: "messages_author_id_fkey";
            columns: ["author_id"];
            isOneToOne: false;
            referencedRelation: "profiles";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "messages_conversation_id_fkey";
            columns: ["conversation_id"];
            isOneToOne: false;
            referencedRelation: "conversations";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "messages_reply_to_id_fkey";
            columns: ["reply_to_id"];
            isOneToOne: false;
            referencedRelation: "messages";
            referencedColumns: ["id"];
          },
        ];
      };
      "moderation_actions": {
        Row: {
          "action": string;
          "created_at": string;
          "description": string;
          "handler": string;
          "product": string;
          "target_type": string;
        };
        ComputedFields: never;
        Insert: {
          "action": string;
          "created_at"?: string;
          "description": string;
          "handler": string;
          "product": string;
          "target_type": string;
        };
        Update: {
          "action"?: string;
          "created_at"?: string;
          "description"?: string;
          "handler"?: string;
          "product"?: string;
          "target_type"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "moderation_actions_target_type_fkey";
            columns: ["target_type"];
            isOneToOne: false;
            referencedRelation: "report_target_types";
            referencedColumns: ["target_type"];
          },
        ];
      };
      "notifications": {
        Row: {
          "created_at": string;
          "id": number;
          "payload": NonNullable<Json>;
          "read_at": string | null;
          "type": string;
          "user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "created_at"?: string;
          "id"?: never;
          "payload"?: NonNullable<Json>;
          "read_at"?: string | null;
          "type": string;
          "user_id": string;
        };
        Update: {
          "created_at"?: string;
          "id"?: never;
          "payload"?: NonNullable<Json>;
          "read_at"?: string | null;
          "type"?: string;
          "user_id"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "notifications_user_id_fkey";
            columns: ["user_id"];
            isOneToOne: false;
            referencedRelation: "profiles";
            referencedColumns: ["id"];
          },
        ];
      };
      "organization_members": {
        Row: {
          "id": string;
          "invited_by": string | null;
          "joined_at": string;
          "organization_id": string;
          "role": Database["public"]["Enums"]["org_role"];
          "user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "id"?: string;
          "invited_by"?: string | null;
          "joined_at"?: string;
          "organization_id": string;
          "role"?: Database["public"]["Enums"]["org_role"];
          "user_id": string;
        };
        Update: {
          "id"?: string;
          "invited_by"?: string | null;
          "joined_at"?: string;
          "organization_id"?: string;
          "role"?: Database["public"]["Enums"]["org_role"];
          "user_id"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "organization_members_invited_by_fkey";
            columns: ["invited_by"];
            isOneToOne: false;
            referencedRelation: "profiles";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "organization_members_organization_id_fkey";
            columns: ["organization_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "organization_members_user_id_fkey";
            columns: ["user_id"];
            isOneToOne: false;
            referencedRelation: "profiles";
            referencedColumns: ["id"];
          },
        ];
      };
      "organizations": {
        Row: {
          "created_at": string;
          "description": string | null;
          "id": string;
          "logo_url": string | null;
          "max_members": number;
          "name": string;
          "owner_id": string | null;
          "plan": string;
          "settings": NonNullable<Json>;
          "slug": string;
          "updated_at": string;
          "website_url": string | null;
        };
        ComputedFields: never;
        Insert: {
          "created_at"?: string;
          "description"?: string | null;
          "id"?: string;
          "logo_url"?: string | null;
          "max_members"?: number;
          "name": string;
          "owner_id"?: string | null;
          "plan"?: string;
          "settings"?: NonNullable<Json>;
          "slug": string;
          "updated_at"?: string;
          "website_url"?: string | null;
        };
        Update: {
          "created_at"?: string;
          "description"?: string | null;
          "id"?: string;
          "logo_url"?: string | null;
          "max_members"?: number;
          "name"?: string;
          "owner_id"?: string | null;
          "plan"?: string;
          "settings"?: NonNullable<Json>;
          "slug"?: string;
          "updated_at"?: string;
          "website_url"?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: "organizations_owner_id_fkey";
            columns: ["owner_id"];
            isOneToOne: false;
            referencedRelation: "profiles";
            referencedColumns: ["id"];
          },
        ];
      };
      "private_profiles": {
        Row: {
          "created_at": string;
          "email": string | null;
          "id": string;
          "last_login_at": string | null;
          "preferences": NonNullable<Json>;
          "suspended_by": string | null;
          "suspension_reason": string | null;
          "updated_at": string;
        };
        ComputedFields: never;
        Insert: {
          "created_at"?: string;
          "email"?: string | null;
          "id": string;
          "last_login_at"?: string | null;
          "preferences"?: NonNullable<Json>;
          "suspended_by"?: string | null;
          "suspension_reason"?: string | null;
          "updated_at"?: string;
        };
        Update: {
          "created_at"?: string;
          "email"?: string | null;
          "id"?: string;
          "last_login_at"?: string | null;
          "preferences"?: NonNullable<Json>;
          "suspended_by"?: string | null;
          "suspension_reason"?: string | null;
          "updated_at"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "private_profiles_id_fkey";
            columns: ["id"];
            isOneToOne: true;
            referencedRelation: "profiles";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "private_profiles_suspended_by_fkey";
            columns: ["suspended_by"];
            isOneToOne: false;
            referencedRelation: "profiles";
            referencedColumns: ["id"];
          },
        ];
      };
      "profiles": {
        Row: {
          "avatar_url": string | null;
          "bio": string | null;
          "created_at": string;
          "deleted_at": string | null;
          "display_name": string;
          "id": string;
          "locale": string;
          "status": string;
          "suspended_until": string | null;
          "timezone": string | null;
          "updated_at": string;
          "verified": boolean;
        };
        ComputedFields: never;
        Insert: {
          "avatar_url"?: string | null;
          "bio"?: string | null;
          "created_at"?: string;
          "deleted_at"?: string | null;
          "display_name": string;
          "id": string;
          "locale"?: string;
          "status"?: string;
          "suspended_until"?: string | null;
          "timezone"?: string | null;
          "updated_at"?: string;
          "verified"?: boolean;
        };
        Update: {
          "avatar_url"?: string | null;
          "bio"?: string | null;
          "created_at"?: string;
          "deleted_at"?: string | null;
          "display_name"?: string;
          "id"?: string;
          "locale"?: string;
          "status"?: string;
          "suspended_until"?: string | null;
          "timezone"?: string | null;
          "updated_at"?: string;
          "verified"?: boolean;
        };
        Relationships: [];
      };
      "report_target_types": {
        Row: {
          "check_function": string;
          "created_at": string;
          "description": string;
          "product": string;
          "target_type": string;
        };
        ComputedFields: never;
        Insert: {
          "check_function": string;
          "created_at"?: string;
          "description": string;
          "product": string;
          "target_type": string;
        };
        Update: {
          "check_function"?: string;
          "created_at"?: string;
          "description"?: string;
          "product"?: string;
          "target_type"?: string;
        };
        Relationships: [];
      };
      "reports": {
        Row: {
          "assigned_to": string | null;
          "created_at": string;
          "description": string | null;
          "evidence_paths": (string)[];
          "id": string;
          "reason": string;
          "reporter_id": string;
          "resolution": string | null;
          "resolved_at": string | null;
          "resolved_by": string | null;
          "status": string;
          "target_id": string;
          "target_type": string;
          "updated_at": string;
        };
        ComputedFields: never;
        Insert: {
          "assigned_to"?: string | null;
          "created_at"?: string;
          "description"?: string | null;
          "evidence_paths"?: (string)[];
          "id"?: string;
          "reason": string;
          "reporter_id"?: string;
          "resolution"?: string | null;
          "resolved_at"?: string | null;
          "resolved_by"?: string | null;
          "status"?: string;
          "target_id": string;
          "target_type": string;
          "updated_at"?: string;
        };
        Update: {
          "assigned_to"?: string | null;
          "created_at"?: string;
          "description"?: string | null;
          "evidence_paths"?: (string)[];
          "id"?: string;
          "reason"?: string;
          "reporter_id"?: string;
          "resolution"?: string | null;
          "resolved_at"?: string | null;
          "resolved_by"?: string | null;
          "status"?: string;
          "target_id"?: string;
          "target_type"?: string;
          "updated_at"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "reports_assigned_to_fkey";
            columns: ["assigned_to"];
            isOneToOne: false;
            referencedRelation: "profiles";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "reports_reporter_id_fkey";
            columns: ["reporter_id"];
            isOneToOne: false;
            referencedRelation: "profiles";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "reports_resolved_by_fkey";
            columns: ["resolved_by"];
            isOneToOne: false;
            referencedRelation: "profiles";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "reports_target_type_fkey";
            columns: ["target_type"];
            isOneToOne: false;
            referencedRelation: "report_target_types";
            referencedColumns: ["target_type"];
          },
        ];
      };
      "seats": {
        Row: {
          "closed_reason": string | null;
          "id": string;
          "joined_at": string;
          "kind": string;
          "last_seen_at": string;
          "left_at": string | null;
          "place_id": string;
          "user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "closed_reason"?: string | null;
          "id"?: string;
          "joined_at"?: string;
          "kind": string;
          "last_seen_at"?: string;
          "left_at"?: string | null;
          "place_id": string;
          "user_id": string;
        };
        Update: {
          "closed_reason"?: string | null;
          "id"?: string;
          "joined_at"?: string;
          "kind"?: string;
          "last_seen_at"?: string;
          "left_at"?: string | null;
          "place_id"?: string;
          "user_id"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "seats_user_id_fkey";
            columns: ["user_id"];
            isOneToOne: false;
            referencedRelation: "profiles";
            referencedColumns: ["id"];
          },
        ];
      };
      "staff_permissions": {
        Row: {
          "description": string;
          "permission": string;
          "product": string;
        };
        ComputedFields: never;
        Insert: {
          "description": string;
          "permission": string;
          "product": string;
        };
        Update: {
          "description"?: string;
          "permission"?: string;
          "product"?: string;
        };
        Relationships: [];
      };
      "staff_roles": {
        Row: {
          "description": string;
          "permissions": (string)[];
          "product": string;
          "role": string;
        };
        ComputedFields: never;
        Insert: {
          "description": string;
          "permissions"?: (string)[];
          "product"?: string;
          "role": string;
        };
        Update: {
          "description"?: string;
          "permissions"?: (string)[];
          "product"?: string;
          "role"?: string;
        };
        Relationships: [];
      };
      "user_content_preferences": {
        Row: {
          "allow_mature_content": boolean;
          "blocked_categories": (string)[];
          "hidden_tags": (string)[];
          "preferred_languages": (string)[];
          "updated_at": string;
          "user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "allow_mature_content"?: boolean;
          "blocked_categories"?: (string)[];
          "hidden_tags"?: (string)[];
          "preferred_languages"?: (string)[];
          "updated_at"?: string;
          "user_id": string;
        };
        Update: {
          "allow_mature_content"?: boolean;
          "blocked_categories"?: (string)[];
          "hidden_tags"?: (string)[];
          "preferred_languages"?: (string)[];
          "updated_at"?: string;
          "user_id"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "user_content_preferences_user_id_fkey";
            columns: ["user_id"];
            isOneToOne: true;
            referencedRelation: "profiles";
            referencedColumns: ["id"];
          },
        ];
      };
      "user_image_type_library": {
        Row: {
          "created_at": string;
          "description": string | null;
          "id": string;
          "name": string;
          "settings": NonNullable<Json>;
          "user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "created_at"?: string;
          "description"?: string | null;
          "id"?: string;
          "name": string;
          "settings"?: NonNullable<Json>;
          "user_id": string;
        };
        Update: {
          "created_at"?: string;
          "description"?: string | null;
          "id"?: string;
          "name"?: string;
          "settings"?: NonNullable<Json>;
          "user_id"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "user_image_type_library_user_id_fkey";
            columns: ["user_id"];
            isOneToOne: false;
            referencedRelation: "profiles";
            referencedColumns: ["id"];
          },
        ];
      };
      "user_staff_roles": {
        Row: {
          "granted_at": string;
          "granted_by": string | null;
          "role": string;
          "user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "granted_at"?: string;
          "granted_by"?: string | null;
          "role": string;
          "user_id": string;
        };
        Update: {
          "granted_at"?: string;
          "granted_by"?: string | null;
          "role"?: string;
          "user_id"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "user_staff_roles_granted_by_fkey";
            columns: ["granted_by"];
            isOneToOne: false;
            referencedRelation: "profiles";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "user_staff_roles_role_fkey";
            columns: ["role"];
            isOneToOne: false;
            referencedRelation: "staff_roles";
            referencedColumns: ["role"];
          },
          {
            foreignKeyName: "user_staff_roles_user_id_fkey";
            columns: ["user_id"];
            isOneToOne: false;
            referencedRelation: "profiles";
            referencedColumns: ["id"];
          },
        ];
      };
      "verification_kinds": {
        Row: {
          "created_at": string;
          "decide_permission": string | null;
          "description": string;
          "kind": string;
          "product": string;
          "source": string;
          "validity": string | null;
        };
        ComputedFields: never;
        Insert: {
          "created_at"?: string;
          "decide_permission"?: string | null;
          "description": string;
          "kind": string;
          "product": string;
          "source"?: string;
          "validity"?: string | null;
        };
        Update: {
          "created_at"?: string;
          "decide_permission"?: string | null;
          "description"?: string;
          "kind"?: string;
          "product"?: string;
          "source"?: string;
          "validity"?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: "verification_kinds_decide_permission_fkey";
            columns: ["decide_permission"];
            isOneToOne: false;
            referencedRelation: "staff_permissions";
            referencedColumns: ["permission"];
          },
        ];
      };
      "verification_requests": {
        Row: {
          "created_at": string;
          "decided_at": string | null;
          "decided_by": string | null;
          "decision_note": string | null;
          "document_paths": (string)[];
          "id": string;
          "kind": string;
          "status": string;
          "user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "created_at"?: string;
          "decided_at"?: string | null;
          "decided_by"?: string | null;
          "decision_note"?: string | null;
          "document_paths": (string)[];
          "id"?: string;
          "kind": string;
          "status"?: string;
          "user_id"?: string;
        };
        Update: {
          "created_at"?: string;
          "decided_at"?: string | null;
          "decided_by"?: string | null;
          "decision_note"?: string | null;
          "document_paths"?: (string)[];
          "id"?: string;
          "kind"?: string;
          "status"?: string;
          "user_id"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "verification_requests_decided_by_fkey";
            columns: ["decided_by"];
            isOneToOne: false;
            referencedRelation: "profiles";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "verification_requests_kind_fkey";
            columns: ["kind"];
            isOneToOne: false;
            referencedRelation: "verification_kinds";
            referencedColumns: ["kind"];
          },
          {
            foreignKeyName: "verification_requests_user_id_fkey";
            columns: ["user_id"];
            isOneToOne: false;
            referencedRelation: "profiles";
            referencedColumns: ["id"];
          },
        ];
      };
      "verifications": {
        Row: {
          "expires_at": string | null;
          "id": string;
          "kind": string;
          "note": string | null;
          "request_id": string | null;
          "revoke_reason": string | null;
          "revoked_at": string | null;
          "revoked_by": string | null;
          "user_id": string;
          "verified_at": string;
          "verified_by": string | null;
        };
        ComputedFields: never;
        Insert: {
          "expires_at"?: string | null;
          "id"?: string;
          "kind": string;
          "note"?: string | null;
          "request_id"?: string | null;
          "revoke_reason"?: string | null;
          "revoked_at"?: string | null;
          "revoked_by"?: string | null;
          "user_id": string;
          "verified_at"?: string;
          "verified_by"?: string | null;
        };
        Update: {
          "expires_at"?: string | null;
          "id"?: string;
          "kind"?: string;
          "note"?: string | null;
          "request_id"?: string | null;
          "revoke_reason"?: string | null;
          "revoked_at"?: string | null;
          "revoked_by"?: string | null;
          "user_id"?: string;
          "verified_at"?: string;
          "verified_by"?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: "verifications_kind_fkey";
            columns: ["kind"];
            isOneToOne: false;
            referencedRelation: "verification_kinds";
            referencedColumns: ["kind"];
          },
          {
            foreignKeyName: "verifications_request_id_fkey";
            columns: ["request_id"];
            isOneToOne: true;
            referencedRelation: "verification_requests";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "verifications_revoked_by_fkey";
            columns: ["revoked_by"];
            isOneToOne: false;
            referencedRelation: "profiles";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "verifications_user_id_fkey";
            columns: ["user_id"];
            isOneToOne: false;
            referencedRelation: "profiles";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "verifications_verified_by_fkey";
            columns: ["verified_by"];
            isOneToOne: false;
            referencedRelation: "profiles";
            referencedColumns: ["id"];
          },
        ];
      };
    };
    Views: {
      [_ in never]: never;
    };
    Functions: {
      "accept_invitation": { Args: { "p_token": string }; Returns: string };
      "assign_report": {
        Args: { "p_moderator_id"?: string; "p_report_id": string };
        Returns: {
          "assigned_to": string | null;
          "created_at": string;
          "description": string | null;
          "evidence_paths": (string)[];
          "id": string;
          "reason": string;
          "reporter_id": string;
          "resolution": string | null;
          "resolved_at": string | null;
          "resolved_by": string | null;
          "status": string;
          "target_id": string;
          "target_type": string;
          "updated_at": string;
        };
        SetofOptions: {
          from: "*";
          to: "reports";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "change_group_member_role": {
        Args: {
          "p_group_id": string;
          "p_role": Database["public"]["Enums"]["group_role"];
          "p_user_id": string;
        };
        Returns: undefined;
      };
      "change_organization_member_role": {
        Args: {
          "p_organization_id": string;
          "p_role": Database["public"]["Enums"]["org_role"];
          "p_user_id": string;
        };
        Returns: undefined;
      };
      "config_entries": {
        Args: Record<PropertyKey, never>;
        Returns: {
          "config_key": string;
          "config_value": Json;
          "description": string;
          "is_public": boolean;
          "is_sensitive": boolean;
          "updated_at": string;
          "value_type": string;
        }[];
      };
      "create_conversation": {
        Args: {
          "p_encrypted"?: boolean;
          "p_kind": string;
          "p_participant_ids": (string)[];
          "p_retention_hours"?: number;
          "p_title"?: string;
        };
        Returns: string;
      };
      "create_group": {
        Args: {
          "p_description"?: string;
          "p_is_public"?: boolean;
          "p_max_members"?: number;
          "p_name": string;
          "p_organization_id"?: string;
          "p_slug": string;
        };
        Returns: {
          "created_at": string;
          "created_by": string | null;
          "description": string | null;
          "id": string;
          "is_public": boolean;
          "max_members": number | null;
          "name": string;
          "organization_id": string | null;
          "settings": NonNullable<Json>;
          "slug": string;
          "updated_at": string;
        };
        SetofOptions: {
          from: "*";
          to: "groups";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "create_organization": {
        Args: { "p_description"?: string; "p_name": string; "p_slug": string };
        Returns: {
          "created_at": string;
          "description": string | null;
          "id": string;
          "logo_url": string | null;
          "max_members": number;
          "name": string;
          "owner_id": string | null;
          "plan": string;
          "settings": NonNullable<Json>;
          "slug": string;
          "updated_at": string;
          "website_url": string | null;
        };
        SetofOptions: {
          from: "*";
          to: "organizations";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "custom_access_token_hook": { Args: { "event": Json }; Returns: Json };
      "decide_verification": {
        Args: {
          "p_approve": boolean;
          "p_expires_at"?: string;
          "p_note"?: string;
          "p_request_id": string;
        };
        Returns: {
          "created_at": string;
          "decided_at": string | null;
          "decided_by": string | null;
          "decision_note": string | null;
          "document_paths": (string)[];
          "id": string;
          "kind": string;
          "status": string;
          "user_id": string;
        };
        SetofOptions: {
          from: "*";
          to: "verification_requests";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "delete_my_account": {
        Args: Record<PropertyKey, never>;
        Returns: undefined;
      };
      "end_call": {
        Args: { "p_call_id": string };
        Returns: {
          "conversation_id": string;
          "ended_at": string | null;
          "ended_by": string | null;
          "id": string;
          "started_at": string;
          "started_by": string | null;
          "status": string;
        };
        SetofOptions: {
          from: "*";
          to: "calls";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "generate_mfa_recovery_codes": {
        Args: Record<PropertyKey, never>;
        Returns: string[];
      };
      "get_group_invite_code": {
        Args: { "p_group_id": string };
        Returns: string;
      };
      "get_user_credits": { Args: { "user_uuid": string }; Returns: number };
      "grant_staff_role": {
        Args: { "p_role": string; "p_user_id": string };
        Returns: undefined;
      };
      "heartbeat_seat": {
        Args: { "p_seat_id": string };
        Returns: {
          "closed_reason": string | null;
          "id": string;
          "joined_at": string;
          "kind": string;
          "last_seen_at": string;
          "left_at": string | null;
          "place_id": string;
          "user_id": string;
        };
        SetofOptions: {
          from: "*";
          to: "seats";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "invite_to_group": {
        Args: {
          "p_email"?: string;
          "p_group_id": string;
          "p_role"?: Database["public"]["Enums"]["group_role"];
          "p_user_id"?: string;
        };
        Returns: {
          "invitation_id": string;
          "token": string;
        }[];
      };
      "invite_to_organization": {
        Args: {
          "p_email"?: string;
          "p_organization_id": string;
          "p_role"?: Database["public"]["Enums"]["org_role"];
          "p_user_id"?: string;
        };
        Returns: {
          "invitation_id": string;
          "token": string;
        }[];
      };
      "join_group_by_code": { Args: { "p_code": string }; Returns: string };
      "join_seat": {
        Args: { "p_kind": string; "p_place_id": string };
        Returns: {
          "closed_reason": string | null;
          "id": string;
          "joined_at": string;
          "kind": string;
          "last_seen_at": string;
          "left_at": string | null;
          "place_id": string;
          "user_id": string;
        };
        SetofOptions: {
          from: "*";
          to: "seats";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "leave_conversation": {
        Args: { "p_conversation_id": string };
        Returns: undefined;
      };
      "leave_group": { Args: { "p_group_id": string }; Returns: undefined };
      "leave_organization": {
        Args: { "p_organization_id": string };
        Returns: undefined;
      };
      "leave_seat": {
        Args: { "p_seat_id": string };
        Returns: {
          "closed_reason": string | null;
          "id": string;
          "joined_at": string;
          "kind": string;
          "last_seen_at": string;
          "left_at": string | null;
          "place_id": string;
          "user_id": string;
        };
        SetofOptions: {
          from: "*";
          to: "seats";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "lift_suspension": { Args: { "p_user_id": string }; Returns: undefined };
      "mark_conversation_read": {
        Args: { "p_conversation_id": string; "p_up_to_message_id"?: number };
        Returns: undefined;
      };
      "mark_notifications_read": {
        Args: { "p_up_to_id"?: number };
        Returns: number;
      };
      "mfa_recovery_codes_remaining": {
        Args: Record<PropertyKey, never>;
        Returns: number;
      };
      "moderate": {
        Args: {
          "p_action": string;
          "p_reason": string;
          "p_report_id"?: string;
          "p_target_id": string;
          "p_target_type": string;
          "p_until"?: string;
        };
        Returns: undefined;
      };
      "my_conversations": {
        Args: { "p_before"?: string; "p_limit"?: number };
        Returns: {
          "conversation_id": string;
          "kind": string;
          "last_message_at": string;
          "last_message_preview": string;
          "muted": boolean;
          "participants": Json;
          "subject_id": string;
          "subject_type": string;
          "title": string;
          "unread_count": number;
        }[];
      };
      "my_verifications": {
        Args: Record<PropertyKey, never>;
        Returns: {
          "expires_at": string;
          "kind": string;
          "verified_at": string;
        }[];
      };
      "public_config": { Args: Record<PropertyKey, never>; Returns: Json };
      "redeem_mfa_recovery_code": {
        Args: { "p_code": string };
        Returns: number;
      };
      "regenerate_group_invite_code": {
        Args: { "p_group_id": string };
        Returns: string;
      };
      "remove_friendship": {
        Args: { "p_user_id": string };
        Returns: undefined;
      };
      "remove_group_member": {
        Args: { "p_group_id": string; "p_user_id": string };
        Returns: undefined;
      };
      "remove_organization_member": {
        Args: { "p_organization_id": string; "p_user_id": string };
        Returns: undefined;
      };
      "request_friendship": {
        Args: { "p_user_id": string };
        Returns: {
          "addressee_id": string;
          "created_at": string;
          "id": string;
          "requester_id": string;
          "responded_at": string | null;
          "status": string;
        };
        SetofOptions: {
          from: "*";
          to: "friendships";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "resolve_report": {
        Args: {
          "p_outcome": string;
          "p_report_id": string;
          "p_resolution": string;
        };
        Returns: {
          "assigned_to": string | null;
          "created_at": string;
          "description": string | null;
          "evidence_paths": (string)[];
          "id": string;
          "reason": string;
          "reporter_id": string;
          "resolution": string | null;
          "resolved_at": string | null;
          "resolved_by": string | null;
          "status": string;
          "target_id": string;
          "target_type": string;
          "updated_at": string;
        };
        SetofOptions: {
          from: "*";
          to: "reports";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "respond_friendship": {
        Args: { "p_accept": boolean; "p_friendship_id": string };
        Returns: {
          "addressee_id": string;
          "created_at": string;
          "id": string;
          "requester_id": string;
          "responded_at": string | null;
          "status": string;
        };
        SetofOptions: {
          from: "*";
          to: "friendships";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "revoke_invitation": {
        Args: { "p_invitation_id": string };
        Returns: undefined;
      };
      "revoke_staff_role": {
        Args: { "p_role": string; "p_user_id": string };
        Returns: undefined;
      };
      "revoke_verification": {
        Args: { "p_reason": string; "p_verification_id": string };
        Returns: {
          "expires_at": string | null;
          "id": string;
          "kind": string;
          "note": string | null;
          "request_id": string | null;
          "revoke_reason": string | null;
          "revoked_at": string | null;
          "revoked_by": string | null;
          "user_id": string;
          "verified_at": string;
          "verified_by": string | null;
        };
        SetofOptions: {
          from: "*";
          to: "verifications";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "set_config_value": {
        Args: { "p_key": string; "p_value": Json };
        Returns: undefined;
      };
      "set_group_permission": {
        Args: {
          "p_granted": boolean;
          "p_group_id": string;
          "p_permission": string;
          "p_user_id": string;
        };
        Returns: undefined;
      };
      "start_call": {
        Args: { "p_conversation_id": string };
        Returns: {
          "conversation_id": string;
          "ended_at": string | null;
          "ended_by": string | null;
          "id": string;
          "started_at": string;
          "started_by": string | null;
          "status": string;
        };
        SetofOptions: {
          from: "*";
          to: "calls";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "start_direct_conversation": {
        Args: { "p_other_user_id": string };
        Returns: string;
      };
      "suspend_user": {
        Args: { "p_reason": string; "p_until"?: string; "p_user_id": string };
        Returns: undefined;
      };
      "track_event": {
        Args: {
          "p_event_name": string;
          "p_occurred_at"?: string;
          "p_properties"?: Json;
          "p_session_id"?: string;
        };
        Returns: undefined;
      };
      "transfer_group_ownership": {
        Args: { "p_group_id": string; "p_new_owner": string };
        Returns: undefined;
      };
      "transfer_organization_ownership": {
        Args: { "p_new_owner": string; "p_organization_id": string };
        Returns: undefined;
      };
      "update_wallet_balance": {
        Args: {
          "p_amount": number;
          "p_metadata"?: Json;
          "p_transaction_type": string;
          "p_user_id": string;
        };
        Returns: boolean;
      };
      "user_verifications": {
        Args: { "p_user_id": string };
        Returns: {
          "expires_at": string;
          "kind": string;
          "verified_at": string;
        }[];
      };
    };
    Enums: {
      "group_role": "owner" | "gm" | "player" | "spectator";
      "org_role": "owner" | "admin" | "manager" | "member";
    };
    CompositeTypes: {
      [_ in never]: never;
    };
  };
  "studio": {
    Tables: {
      "app_catalog": {
        Row: {
          "category": string;
          "created_at": string;
          "credit_cost": number;
          "deployment_url": string | null;
          "description": string | null;
          "icon_url": string | null;
          "id": string;
          "name": string;
          "repository_url": string | null;
          "slug": string;
          "status": string;
          "updated_at": string;
        };
        ComputedFields: never;
        Insert: {
          "category": string;
          "created_at"?: string;
          "credit_cost": number;
          "deployment_url"?: string | null;
          "description"?: string | null;
          "icon_url"?: string | null;
          "id"?: string;
          "name": string;
          "repository_url"?: string | null;
          "slug": string;
          "status"?: string;
          "updated_at"?: string;
        };
        Update: {
          "category"?: string;
          "created_at"?: string;
          "credit_cost"?: number;
          "deployment_url"?: string | null;
          "description"?: string | null;
          "icon_url"?: string | null;
          "id"?: string;
          "name"?: string;
          "repository_url"?: string | null;
          "slug"?: string;
          "status"?: string;
          "updated_at"?: string;
        };
        Relationships: [];
      };
      "app_usage": {
        Row: {
          "ai_request_id": string | null;
          "app_id": string;
          "created_at": string;
          "credits_used": number;
          "error_message": string | null;
          "execution_time_ms": number | null;
          "id": string;
          "success": boolean;
          "transfer_id": number | null;
          "user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "ai_request_id"?: string | null;
          "app_id": string;
          "created_at"?: string;
          "credits_used": number;
          "error_message"?: string | null;
          "execution_time_ms"?: number | null;
          "id"?: string;
          "success": boolean;
          "transfer_id"?: number | null;
          "user_id": string;
        };
        Update: {
          "ai_request_id"?: string | null;
          "app_id"?: string;
          "created_at"?: string;
          "credits_used"?: number;
          "error_message"?: string | null;
          "execution_time_ms"?: number | null;
          "id"?: string;
          "success"?: boolean;
          "transfer_id"?: number | null;
          "user_id"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "app_usage_app_id_fkey";
            columns: ["app_id"];
            isOneToOne: false;
            referencedRelation: "app_catalog";
            referencedColumns: ["id"];
          },
        ];
      };
      "javari_conversations": {
        Row: {
          "created_at": string;
          "credits_used": number;
          "id": string;
          "messages": NonNullable<Json>;
          "model": string;
          "project_id": string | null;
          "provider": string;
          "response": string | null;
          "tokens_used": number;
          "updated_at": string;
          "user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "created_at"?: string;
          "credits_used"?: number;
          "id"?: string;
          "messages"?: NonNullable<Json>;
          "model": string;
          "project_id"?: string | null;
          "provider": string;
          "response"?: string | null;
          "tokens_used"?: number;
          "updated_at"?: string;
          "user_id": string;
        };
        Update: {
          "created_at"?: string;
          "credits_used"?: number;
          "id"?: string;
          "messages"?: NonNullable<Json>;
          "model"?: string;
          "project_id"?: string | null;
          "provider"?: string;
          "response"?: string | null;
          "tokens_used"?: number;
          "updated_at"?: string;
          "user_id"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "javari_conversations_project_id_fkey";
            columns: ["project_id"];
            isOneToOne: false;
            referencedRelation: "javari_projects";
            referencedColumns: ["id"];
          },
        ];
      };
      "javari_credentials": {
        Row: {
          "created_at": string;
          "encrypted_credentials": string;
          "encryption_key_id": string;
          "id": string;
          "last_used_at": string | null;
          "service": string;
          "updated_at": string;
          "user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "created_at"?: string;
          "encrypted_credentials": string;
          "encryption_key_id": string;
          "id"?: string;
          "last_used_at"?: string | null;
          "service": string;
          "updated_at"?: string;
          "user_id": string;
        };
        Update: {
          "created_at"?: string;
          "encrypted_credentials"?: string;
          "encryption_key_id"?: string;
          "id"?: string;
          "last_used_at"?: string | null;
          "service"?: string;
          "updated_at"?: string;
          "user_id"?: string;
        };
        Relationships: [];
      };
      "javari_learning": {
        Row: {
          "avg_message_length": number | null;
          "conversation_type": string;
          "created_at": string;
          "credits_used": number | null;
          "id": string;
          "message_count": number | null;
          "model": string | null;
          "patterns_detected": Json | null;
          "provider": string | null;
          "response_quality_score": number | null;
          "tokens_used": number | null;
          "user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "avg_message_length"?: number | null;
          "conversation_type": string;
          "created_at"?: string;
          "credits_used"?: number | null;
          "id"?: string;
          "message_count"?: number | null;
          "model"?: string | null;
          "patterns_detected"?: Json | null;
          "provider"?: string | null;
          "response_quality_score"?: number | null;
          "tokens_used"?: number | null;
          "user_id": string;
        };
        Update: {
          "avg_message_length"?: number | null;
          "conversation_type"?: string;
          "created_at"?: string;
          "credits_used"?: number | null;
          "id"?: string;
          "message_count"?: number | null;
          "model"?: string | null;
          "patterns_detected"?: Json | null;
          "provider"?: string | null;
          "response_quality_score"?: number | null;
          "tokens_used"?: number | null;
          "user_id"?: string;
        };
        Relationships: [];
      };
      "javari_projects": {
        Row: {
          "created_at": string;
          "description": string | null;
          "id": string;
          "metadata": NonNullable<Json>;
          "name": string;
          "parent_project_id": string | null;
          "status": string;
          "updated_at": string;
          "user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "created_at"?: string;
          "description"?: string | null;
          "id"?: string;
          "metadata"?: NonNullable<Json>;
          "name": string;
          "parent_project_id"?: string | null;
          "status"?: string;
          "updated_at"?: string;
          "user_id": string;
        };
        Update: {
          "created_at"?: string;
          "description"?: string | null;
          "id"?: string;
          "metadata"?: NonNullable<Json>;
          "name"?: string;
          "parent_project_id"?: string | null;
          "status"?: string;
          "updated_at"?: string;
          "user_id"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "javari_projects_parent_project_id_fkey";
            columns: ["parent_project_id"];
            isOneToOne: false;
            referencedRelation: "javari_projects";
            referencedColumns: ["id"];
          },
        ];
      };
      "javari_usage_stats": {
        Row: {
          "ai_request_id": string | null;
          "created_at": string;
          "credits_used": number;
          "error_message": string | null;
          "id": string;
          "input_tokens": number;
          "model": string;
          "output_tokens": number;
          "provider": string;
          "success": boolean;
          "total_tokens": number | null;
          "user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "ai_request_id"?: string | null;
          "created_at"?: string;
          "credits_used"?: number;
          "error_message"?: string | null;
          "id"?: string;
          "input_tokens"?: number;
          "model": string;
          "output_tokens"?: number;
          "provider": string;
          "success": boolean;
          "total_tokens"?: never;
          "user_id": string;
        };
        Update: {
          "ai_request_id"?: string | null;
          "created_at"?: string;
          "credits_used"?: number;
          "error_message"?: string | null;
          "id"?: string;
          "input_tokens"?: number;
          "model"?: string;
          "output_tokens"?: number;
          "provider"?: string;
          "success"?: boolean;
          "total_tokens"?: never;
          "user_id"?: string;
        };
        Relationships: [];
      };
      "tools_catalog": {
        Row: {
          "active": boolean;
          "app_id": string | null;
          "created_at": string;
          "credit_cost": number;
          "description": string | null;
          "id": string;
          "name": string;
          "slug": string;
        };
        ComputedFields: never;
        Insert: {
          "active"?: boolean;
          "app_id"?: string | null;
          "created_at"?: string;
          "credit_cost": number;
          "description"?: string | null;
          "id"?: string;
          "name": string;
          "slug": string;
        };
        Update: {
          "active"?: boolean;
          "app_id"?: string | null;
          "created_at"?: string;
          "credit_cost"?: number;
          "description"?: string | null;
          "id"?: string;
          "name"?: string;
          "slug"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "tools_catalog_app_id_fkey";
            columns: ["app_id"];
            isOneToOne: false;
            referencedRelation: "app_catalog";
            referencedColumns: ["id"];
          },
        ];
      };
      "tools_results": {
        Row: {
          "created_at": string;
          "id": string;
          "input_data": Json | null;
          "output_data": Json | null;
          "output_url": string | null;
          "tool_id": string;
          "usage_id": string | null;
          "user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "created_at"?: string;
          "id"?: string;
          "input_data"?: Json | null;
          "output_data"?: Json | null;
          "output_url"?: string | null;
          "tool_id": string;
          "usage_id"?: string | null;
          "user_id": string;
        };
        Update: {
          "created_at"?: string;
          "id"?: string;
          "input_data"?: Json | null;
          "output_data"?: Json | null;
          "output_url"?: string | null;
          "tool_id"?: string;
          "usage_id"?: string | null;
          "user_id"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "tools_results_tool_id_fkey";
            columns: ["tool_id"];
            isOneToOne: false;
            referencedRelation: "tools_catalog";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "tools_results_usage_id_fkey";
            columns: ["usage_id"];
            isOneToOne: false;
            referencedRelation: "tools_usage";
            referencedColumns: ["id"];
          },
        ];
      };
      "tools_usage": {
        Row: {
          "created_at": string;
          "credits_used": number;
          "id": string;
          "tool_id": string;
          "transfer_id": number | null;
          "user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "created_at"?: string;
          "credits_used": number;
          "id"?: string;
          "tool_id": string;
          "transfer_id"?: number | null;
          "user_id": string;
        };
        Update: {
          "created_at"?: string;
          "credits_used"?: number;
          "id"?: string;
          "tool_id"?: string;
          "transfer_id"?: number | null;
          "user_id"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "tools_usage_tool_id_fkey";
            columns: ["tool_id"];
            isOneToOne: false;
            referencedRelation: "tools_catalog";
            referencedColumns: ["id"];
          },
        ];
      };
    };
    Views: {
      [_ in never]: never;
    };
    Functions: {
      "ai_record_usage": {
        Args: {
          "p_content": string;
          "p_request": Omit<
            Database["billing"]["Tables"]["ai_requests"]["Row"],
            Database["billing"]["Tables"]["ai_requests"]["ComputedFields"]
          >;
        };
        Returns: undefined;
      };
      "ai_validate_app": {
        Args: { "p_purpose_id": string; "p_user_id": string };
        Returns: boolean;
      };
      "ai_validate_conversation": {
        Args: { "p_purpose_id": string; "p_user_id": string };
        Returns: boolean;
      };
      "ai_validate_project": {
        Args: { "p_purpose_id": string; "p_user_id": string };
        Returns: boolean;
      };
      "ai_validate_tool": {
        Args: { "p_purpose_id": string; "p_user_id": string };
        Returns: boolean;
      };
      "my_credentials": {
        Args: Record<PropertyKey, never>;
        Returns: {
          "created_at": string;
          "last_used_at": string;
          "service": string;
          "updated_at": string;
        }[];
      };
      "record_tool_output": {
        Args: {
          "p_output": Json;
          "p_output_url"?: string;
          "p_result_id": string;
        };
        Returns: {
          "created_at": string;
          "id": string;
          "input_data": Json | null;
          "output_data": Json | null;
          "output_url": string | null;
          "tool_id": string;
          "usage_id": string | null;
          "user_id": string;
        };
        SetofOptions: {
          from: "*";
          to: "tools_results";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "run_app": {
        Args: {
          "p_app_id": string;
          "p_idempotency_key": string;
          "p_organization_id"?: string;
        };
        Returns: {
          "ai_request_id": string | null;
          "app_id": string;
          "created_at": string;
          "credits_used": number;
          "error_message": string | null;
          "execution_time_ms": number | null;
          "id": string;
          "success": boolean;
          "transfer_id": number | null;
          "user_id": string;
        };
        SetofOptions: {
          from: "*";
          to: "app_usage";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "run_tool": {
        Args: {
          "p_idempotency_key": string;
          "p_input": Json;
          "p_organization_id"?: string;
          "p_tool_id": string;
        };
        Returns: {
          "created_at": string;
          "id": string;
          "input_data": Json | null;
          "output_data": Json | null;
          "output_url": string | null;
          "tool_id": string;
          "usage_id": string | null;
          "user_id": string;
        };
        SetofOptions: {
          from: "*";
          to: "tools_results";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "store_credentials": {
        Args: {
          "p_encrypted": string;
          "p_key_id": string;
          "p_service": string;
          "p_user_id": string;
        };
        Returns: undefined;
      };
    };
    Enums: {
      [_ in never]: never;
    };
    CompositeTypes: {
      [_ in never]: never;
    };
  };
  "tabletop": {
    Tables: {
      "active_streams": {
        Row: {
          "campaign_id": string | null;
          "ended_at": string | null;
          "game_system": string | null;
          "gm_profile_id": string | null;
          "id": string;
          "is_featured": boolean;
          "is_public": boolean;
          "last_updated_at": string;
          "platform": string;
          "started_at": string;
          "stream_id": string | null;
          "stream_url": string;
          "streaming_connection_id": string;
          "thumbnail_url": string | null;
          "title": string | null;
          "user_id": string;
          "viewer_count": number;
        };
        ComputedFields: never;
        Insert: {
          "campaign_id"?: string | null;
          "ended_at"?: string | null;
          "game_system"?: string | null;
          "gm_profile_id"?: string | null;
          "id"?: string;
          "is_featured"?: boolean;
          "is_public"?: boolean;
          "last_updated_at"?: string;
          "platform": string;
          "started_at"?: string;
          "stream_id"?: string | null;
          "stream_url": string;
          "streaming_connection_id": string;
          "thumbnail_url"?: string | null;
          "title"?: string | null;
          "user_id": string;
          "viewer_count"?: number;
        };
        Update: {
          "campaign_id"?: string | null;
          "ended_at"?: string | null;
          "game_system"?: string | null;
          "gm_profile_id"?: string | null;
          "id"?: string;
          "is_featured"?: boolean;
          "is_public"?: boolean;
          "last_updated_at"?: string;
          "platform"?: string;
          "started_at"?: string;
          "stream_id"?: string | null;
          "stream_url"?: string;
          "streaming_connection_id"?: string;
          "thumbnail_url"?: string | null;
          "title"?: string | null;
          "user_id"?: string;
          "viewer_count"?: number;
        };
        Relationships: [
          {
            foreignKeyName: "active_streams_campaign_id_fkey";
            columns: ["campaign_id"];
            isOneToOne: false;
            referencedRelation: "campaigns";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "active_streams_gm_profile_id_fkey";
            columns: ["gm_profile_id"];
            isOneToOne: false;
            referencedRelation: "gm_profiles";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "active_streams_streaming_connection_id_fkey";
            columns: ["streaming_connection_id"];
            isOneToOne: false;
            referencedRelation: "streaming_connections";
            referencedColumns: ["id"];
          },
        ];
      };
      "bookings": {
        Row: {
          "amount_cents": number;
          "cancellation_reason": string | null;
          "cancelled_at": string | null;
          "cancelled_by": string | null;
          "completed_at": string | null;
          "confirmed_at": string | null;
          "created_at": string;
          "currency": string;
          "gm_payout_cents": number;
          "id": string;
          "listing_id": string;
          "payment_id": string | null;
          "platform_fee_cents": number;
          "player_id": string;
          "processing_fee_cents": number;
          "refund_amount_cents": number | null;
          "refunded_at": string | null;
          "review_window_ends_at": string | null;
          "session_date": string | null;
          "session_number": number | null;
          "status": string;
        };
        ComputedFields: never;
        Insert: {
          "amount_cents": number;
          "cancellation_reason"?: string | null;
          "cancelled_at"?: string | null;
          "cancelled_by"?: string | null;
          "completed_at"?: string | null;
          "confirmed_at"?: string | null;
          "created_at"?: string;
          "currency": string;
          "gm_payout_cents": number;
          "id"?: string;
          "listing_id": string;
          "payment_id"?: string | null;
          "platform_fee_cents": number;
          "player_id": string;
          "processing_fee_cents": number;
          "refund_amount_cents"?: number | null;
          "refunded_at"?: string | null;
          "review_window_ends_at"?: string | null;
          "session_date"?: string | null;
          "session_number"?: number | null;
          "status"?: string;
        };
        Update: {
          "amount_cents"?: number;
          "cancellation_reason"?: string | null;
          "cancelled_at"?: string | null;
          "cancelled_by"?: string | null;
          "completed_at"?: string | null;
          "confirmed_at"?: string | null;
          "created_at"?: string;
          "currency"?: string;
          "gm_payout_cents"?: number;
          "id"?: string;
          "listing_id"?: string;
          "payment_id"?: string | null;
          "platform_fee_cents"?: number;
          "player_id"?: string;
          "processing_fee_cents"?: number;
          "refund_amount_cents"?: number | null;
          "refunded_at"?: string | null;
          "review_window_ends_at"?: string | null;
          "session_date"?: string | null;
          "session_number"?: number | null;
          "status"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "bookings_listing_id_fkey";
            columns: ["listing_id"];
            isOneToOne: false;
            referencedRelation: "game_listings";
            referencedColumns: ["id"];
          },
        ];
      };
      "campaigns": {
        Row: {
          "completed_at": string | null;
          "created_at": string;
          "description": string | null;
          "game_system": string | null;
          "group_id": string;
          "id": string;
          "listing_id": string | null;
          "name": string;
          "settings": NonNullable<Json>;
          "started_at": string | null;
          "status": string;
          "updated_at": string;
          "world_data": NonNullable<Json>;
        };
        ComputedFields: never;
        Insert: {
          "completed_at"?: string | null;
          "created_at"?: string;
          "description"?: string | null;
          "game_system"?: string | null;
          "group_id": string;
          "id"?: string;
          "listing_id"?: string | null;
          "name": string;
          "settings"?: NonNullable<Json>;
          "started_at"?: string | null;
          "status"?: string;
          "updated_at"?: string;
          "world_data"?: NonNullable<Json>;
        };
        Update: {
          "completed_at"?: string | null;
          "created_at"?: string;
          "description"?: string | null;
          "game_system"?: string | null;
          "group_id"?: string;
          "id"?: string;
          "listing_id"?: string | null;
          "name"?: string;
          "settings"?: NonNullable<Json>;
          "started_at"?: string | null;
          "status"?: string;
          "updated_at"?: string;
          "world_data"?: NonNullable<Json>;
        };
        Relationships: [
          {
            foreignKeyName: "campaigns_listing_id_fkey";
            columns: ["listing_id"];
            isOneToOne: false;
            referencedRelation: "game_listings";
            referencedColumns: ["id"];
          },
        ];
      };
      "characters": {
        Row: {
          "campaign_id": string;
          "created_at": string;
          "game_data": NonNullable<Json>;
          "id": string;
          "name": string;
          "owner_id": string;
          "updated_at": string;
        };
        ComputedFields: never;
        Insert: {
          "campaign_id": string;
          "created_at"?: string;
          "game_data"?: NonNullable<Json>;
          "id"?: string;
          "name": string;
          "owner_id"?: string;
          "updated_at"?: string;
        };
        Update: {
          "campaign_id"?: string;
          "created_at"?: string;
          "game_data"?: NonNullable<Json>;
          "id"?: string;
          "name"?: string;
          "owner_id"?: string;
          "updated_at"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "characters_campaign_id_fkey";
            columns: ["campaign_id"];
            isOneToOne: false;
            referencedRelation: "campaigns";
            referencedColumns: ["id"];
          },
        ];
      };
      "disputes": {
        Row: {
          "booking_id": string;
          "created_at": string;
          "dispute_type": string;
          "gm_id": string;
          "id": string;
          "opened_by": string;
          "opener_statement": string;
          "player_id": string;
          "refund_amount_cents": number | null;
          "resolution": string | null;
          "resolution_notes": string | null;
          "resolved_at": string | null;
          "resolved_by": string | null;
          "responded_at": string | null;
          "responder_statement": string | null;
          "status": string;
        };
        ComputedFields: never;
        Insert: {
          "booking_id": string;
          "created_at"?: string;
          "dispute_type": string;
          "gm_id": string;
          "id"?: string;
          "opened_by": string;
          "opener_statement": string;
          "player_id": string;
          "refund_amount_cents"?: number | null;
          "resolution"?: string | null;
          "resolution_notes"?: string | null;
          "resolved_at"?: string | null;
          "resolved_by"?: string | null;
          "responded_at"?: string | null;
          "responder_statement"?: string | null;
          "status"?: string;
        };
        Update: {
          "booking_id"?: string;
          "created_at"?: string;
          "dispute_type"?: string;
          "gm_id"?: string;
          "id"?: string;
          "opened_by"?: string;
          "opener_statement"?: string;
          "player_id"?: string;
          "refund_amount_cents"?: number | null;
          "resolution"?: string | null;
          "resolution_notes"?: string | null;
          "resolved_at"?: string | null;
          "resolved_by"?: string | null;
          "responded_at"?: string | null;
          "responder_statement"?: string | null;
          "status"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "disputes_booking_id_fkey";
            columns: ["booking_id"];
            isOneToOne: false;
            referencedRelation: "bookings";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "disputes_gm_id_fkey";
            columns: ["gm_id"];
            isOneToOne: false;
            referencedRelation: "gm_profiles";
            referencedColumns: ["id"];
          },
        ];
      };
      "game_listings": {
        Row: {
          "beginner_friendly": boolean;
          "completed_at": string | null;
          "content_warnings": (string)[];
          "created_at": string;
          "currency": string;
          "current_players": number;
          "description": string;
          "experience_level": string | null;
          "game_system": string;
          "gm_id": string;
          "id": string;
          "listing_type": string;
          "max_players": number;
          "min_players": number;
          "price_per_seat_cents": number;
          "published_at": string | null;
          "recurring_schedule": Json | null;
          "scheduled_start": string | null;
          "session_length_minutes": number;
          "status": string;
          "stream_channel_url": string | null;
          "stream_enabled": boolean;
          "stream_platform": string | null;
          "tags": (string)[];
          "thumbnail_url": string | null;
          "title": string;
          "updated_at": string;
        };
        ComputedFields: never;
        Insert: {
          "beginner_friendly"?: boolean;
          "completed_at"?: string | null;
          "content_warnings"?: (string)[];
          "created_at"?: string;
          "currency"?: string;
          "current_players"?: number;
          "description": string;
          "experience_level"?: string | null;
          "game_system": string;
          "gm_id": string;
          "id"?: string;
          "listing_type": string;
          "max_players"?: number;
          "min_players"?: number;
          "price_per_seat_cents"?: number;
          "published_at"?: string | null;
          "recurring_schedule"?: Json | null;
          "scheduled_start"?: string | null;
          "session_length_minutes": number;
          "status"?: string;
          "stream_channel_url"?: string | null;
          "stream_enabled"?: boolean;
          "stream_platform"?: string | null;
          "tags"?: (string)[];
          "thumbnail_url"?: string | null;
          "title": string;
          "updated_at"?: string;
        };
        Update: {
          "beginner_friendly"?: boolean;
          "completed_at"?: string | null;
          "content_warnings"?: (string)[];
          "created_at"?: string;
          "currency"?: string;
          "current_players"?: number;
          "description"?: string;
          "experience_level"?: string | null;
          "game_system"?: string;
          "gm_id"?: string;
          "id"?: string;
          "listing_type"?: string;
          "max_players"?: number;
          "min_players"?: number;
          "price_per_seat_cents"?: number;
          "published_at"?: string | null;
          "recurring_schedule"?: Json | null;
          "scheduled_start"?: string | null;
          "session_length_minutes"?: number;
          "status"?: string;
          "stream_channel_url"?: string | null;
          "stream_enabled"?: boolean;
          "stream_platform"?: string | null;
          "tags"?: (string)[];
          "thumbnail_url"?: string | null;
          "title"?: string;
          "updated_at"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "game_listings_gm_id_fkey";
            columns: ["gm_id"];
            isOneToOne: false;
            referencedRelation: "gm_profiles";
            referencedColumns: ["id"];
          },
        ];
      };
      "gm_profiles": {
        Row: {
          "availability": NonNullable<Json>;
          "average_engagement": number | null;
          "average_preparedness": number | null;
          "average_rating": number | null;
          "average_storytelling": number | null;
          "bio": string | null;
          "created_at": string;
          "experience_years": number | null;
          "first_session_at": string | null;
          "headline": string | null;
          "id": string;
          "is_listed": boolean;
          "languages": (string)[];
          "last_session_at": string | null;
          "max_players": number;
          "min_players": number;
          "session_length_minutes": number;
          "systems_played": (string)[];
          "timezone": string | null;
          "total_reviews": number;
          "total_sessions": number;
          "updated_at": string;
          "user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "availability"?: NonNullable<Json>;
          "average_engagement"?: number | null;
          "average_preparedness"?: number | null;
          "average_rating"?: number | null;
          "average_storytelling"?: number | null;
          "bio"?: string | null;
          "created_at"?: string;
          "experience_years"?: number | null;
          "first_session_at"?: string | null;
          "headline"?: string | null;
          "id"?: string;
          "is_listed"?: boolean;
          "languages"?: (string)[];
          "last_session_at"?: string | null;
          "max_players"?: number;
          "min_players"?: number;
          "session_length_minutes"?: number;
          "systems_played"?: (string)[];
          "timezone"?: string | null;
          "total_reviews"?: number;
          "total_sessions"?: number;
          "updated_at"?: string;
          "user_id": string;
        };
        Update: {
          "availability"?: NonNullable<Json>;
          "average_engagement"?: number | null;
          "average_preparedness"?: number | null;
          "average_rating"?: number | null;
          "average_storytelling"?: number | null;
          "bio"?: string | null;
          "created_at"?: string;
          "experience_years"?: number | null;
          "first_session_at"?: string | null;
          "headline"?: string | null;
          "id"?: string;
          "is_listed"?: boolean;
          "languages"?: (string)[];
          "last_session_at"?: string | null;
          "max_players"?: number;
          "min_players"?: number;
          "session_length_minutes"?: number;
          "systems_played"?: (string)[];
          "timezone"?: string | null;
          "total_reviews"?: number;
          "total_sessions"?: number;
          "updated_at"?: string;
          "user_id"?: string;
        };
        Relationships: [];
      };
      "journals": {
        Row: {
          "author_id": string;
          "campaign_id": string;
          "category": string | null;
          "content": string | null;
          "content_format": string;
          "created_at": string;
          "id": string;
          "parent_id": string | null;
          "pinned": boolean;
          "sort_order": number;
          "tags": (string)[];
          "title": string;
          "updated_at": string;
          "visibility": string;
        };
        ComputedFields: never;
        Insert: {
          "author_id"?: string;
          "campaign_id": string;
          "category"?: string | null;
          "content"?: string | null;
          "content_format"?: string;
          "created_at"?: string;
          "id"?: string;
          "parent_id"?: string | null;
          "pinned"?: boolean;
          "sort_order"?: number;
          "tags"?: (string)[];
          "title": string;
          "updated_at"?: string;
          "visibility"?: string;
        };
        Update: {
          "author_id"?: string;
          "campaign_id"?: string;
          "category"?: string | null;
          "content"?: string | null;
          "content_format"?: string;
          "created_at"?: string;
          "id"?: string;
          "parent_id"?: string | null;
          "pinned"?: boolean;
          "sort_order"?: number;
          "tags"?: (string)[];
          "title"?: string;
          "updated_at"?: string;
          "visibility"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "journals_campaign_id_fkey";
            columns: ["campaign_id"];
            isOneToOne: false;
            referencedRelation: "campaigns";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "journals_parent_id_fkey";
            columns: ["parent_id"];
            isOneToOne: false;
            referencedRelation: "journals";
            referencedColumns: ["id"];
          },
        ];
      };
      "overlay_templates": {
        Row: {
          "created_at": string;
          "css_template": string;
          "default_config": NonNullable<Json>;
          "description": string | null;
          "html_template": string;
          "id": string;
          "is_active": boolean;
          "is_premium": boolean;
          "name": string;
          "overlay_type": string;
          "preview_image_url": string | null;
        };
        ComputedFields: never;
        Insert: {
          "created_at"?: string;
          "css_template": string;
          "default_config"?: NonNullable<Json>;
          "description"?: string | null;
          "html_template": string;
          "id"?: string;
          "is_active"?: boolean;
          "is_premium"?: boolean;
          "name": string;
          "overlay_type": string;
          "preview_image_url"?: string | null;
        };
        Update: {
          "created_at"?: string;
          "css_template"?: string;
          "default_config"?: NonNullable<Json>;
          "description"?: string | null;
          "html_template"?: string;
          "id"?: string;
          "is_active"?: boolean;
          "is_premium"?: boolean;
          "name"?: string;
          "overlay_type"?: string;
          "preview_image_url"?: string | null;
        };
        Relationships: [];
      };
      "reviews": {
        Row: {
          "booking_id": string;
          "created_at": string;
          "engagement_rating": number | null;
          "gm_id": string;
          "gm_responded_at": string | null;
          "gm_response": string | null;
          "held_reason": string | null;
          "id": string;
          "is_held": boolean;
          "is_public": boolean;
          "is_removed": boolean;
          "preparedness_rating": number | null;
          "rating": number;
          "removed_reason": string | null;
          "review_text": string | null;
          "reviewer_id": string;
          "storytelling_rating": number | null;
          "updated_at": string;
        };
        ComputedFields: never;
        Insert: {
          "booking_id": string;
          "created_at"?: string;
          "engagement_rating"?: number | null;
          "gm_id": string;
          "gm_responded_at"?: string | null;
          "gm_response"?: string | null;
          "held_reason"?: string | null;
          "id"?: string;
          "is_held"?: boolean;
          "is_public"?: boolean;
          "is_removed"?: boolean;
          "preparedness_rating"?: number | null;
          "rating": number;
          "removed_reason"?: string | null;
          "review_text"?: string | null;
          "reviewer_id": string;
          "storytelling_rating"?: number | null;
          "updated_at"?: string;
        };
        Update: {
          "booking_id"?: string;
          "created_at"?: string;
          "engagement_rating"?: number | null;
          "gm_id"?: string;
          "gm_responded_at"?: string | null;
          "gm_response"?: string | null;
          "held_reason"?: string | null;
          "id"?: string;
          "is_held"?: boolean;
          "is_public"?: boolean;
          "is_removed"?: boolean;
          "preparedness_rating"?: number | null;
          "rating"?: number;
          "removed_reason"?: string | null;
          "review_text"?: string | null;
          "reviewer_id"?: string;
          "storytelling_rating"?: number | null;
          "updated_at"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "reviews_booking_id_fkey";
            columns: ["booking_id"];
            isOneToOne: true;
            referencedRelation: "bookings";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "reviews_gm_id_fkey";
            columns: ["gm_id"];
            isOneToOne: false;
            referencedRelation: "gm_profiles";
            referencedColumns: ["id"];
          },
        ];
      };
      "scenes": {
        Row: {
          "campaign_id": string;
          "created_at": string;
          "description": string | null;
          "id": string;
          "is_active": boolean;
          "name": string;
          "scene_data": NonNullable<Json>;
          "sort_order": number;
          "updated_at": string;
        };
        ComputedFields: never;
        Insert: {
          "campaign_id": string;
          "created_at"?: string;
          "description"?: string | null;
          "id"?: string;
          "is_active"?: boolean;
          "name": string;
          "scene_data"?: NonNullable<Json>;
          "sort_order"?: number;
          "updated_at"?: string;
        };
        Update: {
          "campaign_id"?: string;
          "created_at"?: string;
          "description"?: string | null;
          "id"?: string;
          "is_active"?: boolean;
          "name"?: string;
          "scene_data"?: NonNullable<Json>;
          "sort_order"?: number;
          "updated_at"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "scenes_campaign_id_fkey";
            columns: ["campaign_id"];
            isOneToOne: false;
            referencedRelation: "campaigns";
            referencedColumns: ["id"];
          },
        ];
      };
      "stream_overlays": {
        Row: {
          "access_token_hash": string;
          "background_color": string;
          "campaign_id": string;
          "config": NonNullable<Json>;
          "created_at": string;
          "created_by": string;
          "custom_css": string | null;
          "custom_html": string | null;
          "id": string;
          "is_active": boolean;
          "name": string;
          "overlay_type": string;
          "template_id": string | null;
          "transparent": boolean;
          "updated_at": string;
        };
        ComputedFields: never;
        Insert: {
          "access_token_hash": string;
          "background_color"?: string;
          "campaign_id": string;
          "config"?: NonNullable<Json>;
          "created_at"?: string;
          "created_by"?: string;
          "custom_css"?: string | null;
          "custom_html"?: string | null;
          "id"?: string;
          "is_active"?: boolean;
          "name": string;
          "overlay_type": string;
          "template_id"?: string | null;
          "transparent"?: boolean;
          "updated_at"?: string;
        };
        Update: {
          "access_token_hash"?: string;
          "background_color"?: string;
          "campaign_id"?: string;
          "config"?: NonNullable<Json>;
          "created_at"?: string;
          "created_by"?: string;
          "custom_css"?: string | null;
          "custom_html"?: string | null;
          "id"?: string;
          "is_active"?: boolean;
          "name"?: string;
          "overlay_type"?: string;
          "template_id"?: string | null;
          "transparent"?: boolean;
          "updated_at"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "stream_overlays_campaign_id_fkey";
            columns: ["campaign_id"];
            isOneToOne: false;
            referencedRelation: "campaigns";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "stream_overlays_template_id_fkey";
            columns: ["template_id"];
            isOneToOne: false;
            referencedRelation: "overlay_templates";
            referencedColumns: ["id"];
          },
        ];
      };
      "stream_view_configs": {
        Row: {
          "camera_mode": string;
          "camera_padding": number;
          "camera_smoothing": number;
          "campaign_id": string;
          "created_at": string;
          "custom_watermark_url": string | null;
          "id": string;
          "quality_level": string;
          "show_chat_bubbles": boolean;
          "show_dice_rolls": boolean;
          "show_initiative_tracker": boolean;
          "show_turn_indicator": boolean;
          "show_watermark": boolean;
          "target_fps": number;
          "updated_at": string;
          "watermark_position": string;
        };
        ComputedFields: never;
        Insert: {
          "camera_mode"?: string;
          "camera_padding"?: number;
          "camera_smoothing"?: number;
          "campaign_id": string;
          "created_at"?: string;
          "custom_watermark_url"?: string | null;
          "id"?: string;
          "quality_level"?: string;
          "show_chat_bubbles"?: boolean;
          "show_dice_rolls"?: boolean;
          "show_initiative_tracker"?: boolean;
          "show_turn_indicator"?: boolean;
          "show_watermark"?: boolean;
          "target_fps"?: number;
          "updated_at"?: string;
          "watermark_position"?: string;
        };
        Update: {
          "camera_mode"?: string;
          "camera_padding"?: number;
          "camera_smoothing"?: number;
          "campaign_id"?: string;
          "created_at"?: string;
          "custom_watermark_url"?: string | null;
          "id"?: string;
          "quality_level"?: string;
          "show_chat_bubbles"?: boolean;
          "show_dice_rolls"?: boolean;
          "show_initiative_tracker"?: boolean;
          "show_turn_indicator"?: boolean;
          "show_watermark"?: boolean;
          "target_fps"?: number;
          "updated_at"?: string;
          "watermark_position"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "stream_view_configs_campaign_id_fkey";
            columns: ["campaign_id"];
            isOneToOne: true;
            referencedRelation: "campaigns";
            referencedColumns: ["id"];
          },
        ];
      };
      "streaming_connections": {
        Row: {
          "access_token_encrypted": string;
          "channel_id": string | null;
          "channel_url": string | null;
          "created_at": string;
          "encryption_key_id": string;
          "id": string;
          "is_active": boolean;
          "last_validated_at": string | null;
          "platform": string;
          "platform_user_id": string;
          "platform_username": string | null;
          "refresh_token_encrypted": string | null;
          "scopes": (string)[];
          "token_expires_at": string | null;
          "updated_at": string;
          "user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "access_token_encrypted": string;
          "channel_id"?: string | null;
          "channel_url"?: string | null;
          "created_at"?: string;
          "encryption_key_id": string;
          "id"?: string;
          "is_active"?: boolean;
          "last_validated_at"?: string | null;
          "platform": string;
          "platform_user_id": string;
          "platform_username"?: string | null;
          "refresh_token_encrypted"?: string | null;
          "scopes"?: (string)[];
          "token_expires_at"?: string | null;
          "updated_at"?: string;
          "user_id": string;
        };
        Update: {
          "access_token_encrypted"?: string;
          "channel_id"?: string | null;
          "channel_url"?: string | null;
          "created_at"?: string;
          "encryption_key_id"?: string;
          "id"?: string;
          "is_active"?: boolean;
          "last_validated_at"?: string | null;
          "platform"?: string;
          "platform_user_id"?: string;
          "platform_username"?: string | null;
          "refresh_token_encrypted"?: string | null;
          "scopes"?: (string)[];
          "token_expires_at"?: string | null;
          "updated_at"?: string;
          "user_id"?: string;
        };
        Relationships: [];
      };
    };
    Views: {
      "live_streams": {
        Row: {
          "game_system": string | null;
          "gm_profile_id": string | null;
          "id": string;
          "is_featured": boolean;
          "platform": string;
          "started_at": string;
          "stream_url": string;
          "thumbnail_url": string | null;
          "title": string | null;
          "viewer_count": number;
        };
        ComputedFields: never;
        Insert: {
          "game_system"?: string | null;
          "gm_profile_id"?: string | null;
          "id"?: string | null;
          "is_featured"?: boolean | null;
          "platform"?: string | null;
          "started_at"?: string | null;
          "stream_url"?: string | null;
          "thumbnail_url"?: string | null;
          "title"?: string | null;
          "viewer_count"?: number | null;
        };
        Update: {
          "game_system"?: string | null;
          "gm_profile_id"?: string | null;
          "id"?: string | null;
          "is_featured"?: boolean | null;
          "platform"?: string | null;
          "started_at"?: string | null;
          "stream_url"?: string | null;
          "thumbnail_url"?: string | null;
          "title"?: string | null;
          "viewer_count"?: number | null;
        };
        Relationships: [
          {
            foreignKeyName: "active_streams_gm_profile_id_fkey";
            columns: ["gm_profile_id"];
            isOneToOne: false;
            referencedRelation: "gm_profiles";
            referencedColumns: ["id"];
          },
        ];
      };
    };
    Functions: {
      "book_seat": {
        Args: { "p_listing_id": string };
        Returns: {
          "amount_cents": number;
          "cancellation_reason": string | null;
          "cancelled_at": string | null;
          "cancelled_by": string | null;
          "completed_at": string | null;
          "confirmed_at": string | null;
          "created_at": string;
          "currency": string;
          "gm_payout_cents": number;
          "id": string;
          "listing_id": string;
          "payment_id": string | null;
          "platform_fee_cents": number;
          "player_id": string;
          "processing_fee_cents": number;
          "refund_amount_cents": number | null;
          "refunded_at": string | null;
          "review_window_ends_at": string | null;
          "session_date": string | null;
          "session_number": number | null;
          "status": string;
        };
        SetofOptions: {
          from: "*";
          to: "bookings";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "booking_price": {
        Args: { "p_ref": string; "p_user_id": string };
        Returns: {
          "amount": number;
          "currency": string;
          "name": string;
        }[];
      };
      "cancel_booking": {
        Args: { "p_booking_id": string; "p_reason"?: string };
        Returns: {
          "amount_cents": number;
          "cancellation_reason": string | null;
          "cancelled_at": string | null;
          "cancelled_by": string | null;
          "completed_at": string | null;
          "confirmed_at": string | null;
          "created_at": string;
          "currency": string;
          "gm_payout_cents": number;
          "id": string;
          "listing_id": string;
          "payment_id": string | null;
          "platform_fee_cents": number;
          "player_id": string;
          "processing_fee_cents": number;
          "refund_amount_cents": number | null;
          "refunded_at": string | null;
          "review_window_ends_at": string | null;
          "session_date": string | null;
          "session_number": number | null;
          "status": string;
        };
        SetofOptions: {
          from: "*";
          to: "bookings";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "complete_booking": {
        Args: { "p_booking_id": string };
        Returns: {
          "amount_cents": number;
          "cancellation_reason": string | null;
          "cancelled_at": string | null;
          "cancelled_by": string | null;
          "completed_at": string | null;
          "confirmed_at": string | null;
          "created_at": string;
          "currency": string;
          "gm_payout_cents": number;
          "id": string;
          "listing_id": string;
          "payment_id": string | null;
          "platform_fee_cents": number;
          "player_id": string;
          "processing_fee_cents": number;
          "refund_amount_cents": number | null;
          "refunded_at": string | null;
          "review_window_ends_at": string | null;
          "session_date": string | null;
          "session_number": number | null;
          "status": string;
        };
        SetofOptions: {
          from: "*";
          to: "bookings";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "create_overlay": {
        Args: {
          "p_campaign_id": string;
          "p_config"?: Json;
          "p_name": string;
          "p_overlay_type": string;
          "p_template_id"?: string;
        };
        Returns: {
          "access_token": string;
          "overlay_id": string;
        }[];
      };
      "mark_booking_paid": {
        Args: { "p_payment_id": string; "p_ref": string };
        Returns: undefined;
      };
      "moderate_review": {
        Args: {
          "p_hold": boolean;
          "p_reason": string;
          "p_remove": boolean;
          "p_review_id": string;
        };
        Returns: {
          "booking_id": string;
          "created_at": string;
          "engagement_rating": number | null;
          "gm_id": string;
          "gm_responded_at": string | null;
          "gm_response": string | null;
          "held_reason": string | null;
          "id": string;
          "is_held": boolean;
          "is_public": boolean;
          "is_removed": boolean;
          "preparedness_rating": number | null;
          "rating": number;
          "removed_reason": string | null;
          "review_text": string | null;
          "reviewer_id": string;
          "storytelling_rating": number | null;
          "updated_at": string;
        };
        SetofOptions: {
          from: "*";
          to: "reviews";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "open_campaign_channel": {
        Args: {
          "p_campaign_id": string;
          "p_channel_type": string;
          "p_title"?: string;
        };
        Returns: string;
      };
      "open_dispute": {
        Args: {
          "p_booking_id": string;
          "p_statement": string;
          "p_type": string;
        };
        Returns: {
          "booking_id": string;
          "created_at": string;
          "dispute_type": string;
          "gm_id": string;
          "id": string;
          "opened_by": string;
          "opener_statement": string;
          "player_id": string;
          "refund_amount_cents": number | null;
          "resolution": string | null;
          "resolution_notes": string | null;
          "resolved_at": string | null;
          "resolved_by": string | null;
          "responded_at": string | null;
          "responder_statement": string | null;
          "status": string;
        };
        SetofOptions: {
          from: "*";
          to: "disputes";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "overlay_by_token": { Args: { "p_access_token": string }; Returns: Json };
      "price_split": {
        Args: { "p_amount_cents": number };
        Returns: Record<string, unknown>;
      };
      "publish_listing": {
        Args: { "p_listing_id": string };
        Returns: {
          "beginner_friendly": boolean;
          "completed_at": string | null;
          "content_warnings": (string)[];
          "created_at": string;
          "currency": string;
          "current_players": number;
          "description": string;
          "experience_level": string | null;
          "game_system": string;
          "gm_id": string;
          "id": string;
          "listing_type": string;
          "max_players": number;
          "min_players": number;
          "price_per_seat_cents": number;
          "published_at": string | null;
          "recurring_schedule": Json | null;
          "scheduled_start": string | null;
          "session_length_minutes": number;
          "status": string;
          "stream_channel_url": string | null;
          "stream_enabled": boolean;
          "stream_platform": string | null;
          "tags": (string)[];
          "thumbnail_url": string | null;
          "title": string;
          "updated_at": string;
        };
        SetofOptions: {
          from: "*";
          to: "game_listings";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "resolve_dispute": {
        Args: {
          "p_dispute_id": string;
          "p_notes"?: string;
          "p_refund_cents"?: number;
          "p_resolution": string;
        };
        Returns: {
          "booking_id": string;
          "created_at": string;
          "dispute_type": string;
          "gm_id": string;
          "id": string;
          "opened_by": string;
          "opener_statement": string;
          "player_id": string;
          "refund_amount_cents": number | null;
          "resolution": string | null;
          "resolution_notes": string | null;
          "resolved_at": string | null;
          "resolved_by": string | null;
          "responded_at": string | null;
          "responder_statement": string | null;
          "status": string;
        };
        SetofOptions: {
          from: "*";
          to: "disputes";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "respond_to_dispute": {
        Args: { "p_dispute_id": string; "p_statement": string };
        Returns: {
          "booking_id": string;
          "created_at": string;
          "dispute_type": string;
          "gm_id": string;
          "id": string;
          "opened_by": string;
          "opener_statement": string;
          "player_id": string;
          "refund_amount_cents": number | null;
          "resolution": string | null;
          "resolution_notes": string | null;
          "resolved_at": string | null;
          "resolved_by": string | null;
          "responded_at": string | null;
          "responder_statement": string | null;
          "status": string;
        };
        SetofOptions: {
          from: "*";
          to: "disputes";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "review_booking": {
        Args: {
          "p_booking_id": string;
          "p_engagement"?: number;
          "p_preparedness"?: number;
          "p_public"?: boolean;
          "p_rating": number;
          "p_storytelling"?: number;
          "p_text"?: string;
        };
        Returns: {
          "booking_id": string;
          "created_at": string;
          "engagement_rating": number | null;
          "gm_id": string;
          "gm_responded_at": string | null;
          "gm_response": string | null;
          "held_reason": string | null;
          "id": string;
          "is_held": boolean;
          "is_public": boolean;
          "is_removed": boolean;
          "preparedness_rating": number | null;
          "rating": number;
          "removed_reason": string | null;
          "review_text": string | null;
          "reviewer_id": string;
          "storytelling_rating": number | null;
          "updated_at": string;
        };
        SetofOptions: {
          from: "*";
          to: "reviews";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "store_streaming_connection": {
        Args: {
          "p_access_token_encrypted": string;
          "p_channel_url": string;
          "p_encryption_key_id": string;
          "p_platform": string;
          "p_platform_user_id": string;
          "p_platform_username": string;
          "p_refresh_token_encrypted": string;
          "p_scopes": (string)[];
          "p_token_expires_at": string;
          "p_user_id": string;
        };
        Returns: string;
      };
    };
    Enums: {
      [_ in never]: never;
    };
    CompositeTypes: {
      [_ in never]: never;
    };
  };
  "tarot": {
    Tables: {
      [_ in never]: never;
    };
    Views: {
      [_ in never]: never;
    };
    Functions: {
      [_ in never]: never;
    };
    Enums: {
      [_ in never]: never;
    };
    CompositeTypes: {
      [_ in never]: never;
    };
  };
};

type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">;

type DefaultSchema =
  DatabaseWithoutInternals[Extract<keyof Database, "public">];

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  } ? keyof (
      & DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]][
        "Tables"
      ]
      & DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]][
        "Views"
      ]
    )
    : never = never,
> = DefaultSchemaTableNameOrOptions extends
  { schema: keyof DatabaseWithoutInternals } ? (
    & DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]][
      "Tables"
    ]
    & DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]][
      "Views"
    ]
  )[TableName] extends {
    Row: infer R;
  } ? R
  : never
  : DefaultSchemaTableNameOrOptions extends
    keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] & DefaultSchema["Views"])[
      DefaultSchemaTableNameOrOptions
    ] extends {
      Row: infer R;
    } ? R
    : never
  : never;

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]][
      "Tables"
    ]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends
  { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]][
    "Tables"
  ][TableName] extends {
    Insert: infer I;
  } ? I
  : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
      Insert: infer I;
    } ? I
    : never
  : never;

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]][
      "Tables"
    ]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends
  { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]][
    "Tables"
  ][TableName] extends {
    Update: infer U;
  } ? U
  : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
      Update: infer U;
    } ? U
    : never
  : never;

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    | keyof DefaultSchema["Enums"]
    | { schema: keyof DatabaseWithoutInternals },
  EnumName extends DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]][
      "Enums"
    ]
    : never = never,
> = DefaultSchemaEnumNameOrOptions extends
  { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][
    EnumName
  ]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
  : never;

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof DatabaseWithoutInternals[
      PublicCompositeTypeNameOrOptions["schema"]
    ]["CompositeTypes"]
    : never = never,
> = PublicCompositeTypeNameOrOptions extends
  { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]][
    "CompositeTypes"
  ][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends
    keyof DefaultSchema["CompositeTypes"]
    ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
  : never;

export const Constants = {
  "billing": {
    Enums: {
      "account_owner": ["user", "organization", "platform"],
      "platform_code": [
        "revenue",
        "stripe_clearing",
        "promotions",
        "payouts_payable",
        "ai_provider_spend",
        "adjustments",
      ],
      "transfer_kind": [
        "purchase",
        "top_up",
        "usage",
        "refund",
        "bonus",
        "payment",
        "fee",
        "payout",
        "adjustment",
      ],
    },
  },
  "gigs": {
    Enums: {},
  },
  "graphql_public": {
    Enums: {},
  },
  "lounge": {
    Enums: {},
  },
  "public": {
    Enums: {
      "group_role": ["owner", "gm", "player", "spectator"],
      "org_role": ["owner", "admin", "manager", "member"],
    },
  },
  "studio": {
    Enums: {},
  },
  "tabletop": {
    Enums: {},
  },
  "tarot": {
    Enums: {},
  },
} as const;
