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
      "ai_image_prices": {
        Row: {
          "active": boolean;
          "created_at": string;
          "credits_per_image": number;
          "max_images": number;
          "model": string;
          "provider": string;
          "size": string;
          "updated_at": string;
        };
        ComputedFields: never;
        Insert: {
          "active"?: boolean;
          "created_at"?: string;
          "credits_per_image": number;
          "max_images"?: number;
          "model": string;
          "provider": string;
          "size": string;
          "updated_at"?: string;
        };
        Update: {
          "active"?: boolean;
          "created_at"?: string;
          "credits_per_image"?: number;
          "max_images"?: number;
          "model"?: string;
          "provider"?: string;
          "size"?: string;
          "updated_at"?: string;
        };
        Relationships: [];
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
          "credits_per_image": number | null;
          "error": string | null;
          "estimated_input_tokens": number;
          "hold_id": string;
          "id": string;
          "idempotency_key": string;
          "image_size": string | null;
          "images_requested": number | null;
          "images_returned": number | null;
          "input_tokens": number | null;
          "kind": string;
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
          "credits_per_image"?: number | null;
          "error"?: string | null;
          "estimated_input_tokens": number;
          "hold_id": string;
          "id"?: string;
          "idempotency_key": string;
          "image_size"?: string | null;
          "images_requested"?: number | null;
          "images_returned"?: number | null;
          "input_tokens"?: number | null;
          "kind"?: string;
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
          "credits_per_image"?: number | null;
          "error"?: string | null;
          "estimated_input_tokens"?: number;
          "hold_id"?: string;
          "id"?: string;
          "idempotency_key"?: string;
          "image_size"?: string | null;
          "images_requested"?: number | null;
          "images_returned"?: number | null;
          "input_tokens"?: number | null;
          "kind"?: string;
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
          "credits_per_image": number | null;
          "error": string | null;
          "estimated_input_tokens": number;
          "hold_id": string;
          "id": string;
          "idempotency_key": string;
          "image_size": string | null;
          "images_requested": number | null;
          "images_returned": number | null;
          "input_tokens": number | null;
          "kind": string;
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
      "ai_reserve_images": {
        Args: {
          "p_idempotency_key": string;
          "p_kind": string;
          "p_model": string;
          "p_n": number;
          "p_organization_id": string;
          "p_prompt": string;
          "p_purpose_id": string;
          "p_purpose_type": string;
          "p_size": string;
          "p_user_id": string;
        };
        Returns: {
          "images_requested": number;
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
          "credits_per_image": number | null;
          "error": string | null;
          "estimated_input_tokens": number;
          "hold_id": string;
          "id": string;
          "idempotency_key": string;
          "image_size": string | null;
          "images_requested": number | null;
          "images_returned": number | null;
          "input_tokens": number | null;
          "kind": string;
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
      "ai_settle_images": {
        Args: { "p_outputs": Json; "p_request_id": string };
        Returns: {
          "aborted": boolean;
          "account_id": string;
          "completed_at": string | null;
          "created_at": string;
          "credits_charged": number;
          "credits_per_image": number | null;
          "error": string | null;
          "estimated_input_tokens": number;
          "hold_id": string;
          "id": string;
          "idempotency_key": string;
          "image_size": string | null;
          "images_requested": number | null;
          "images_returned": number | null;
          "input_tokens": number | null;
          "kind": string;
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
      "applications": {
        Row: {
          "applicant_user_id": string;
          "applied_at": string;
          "compatibility_score": number;
          "gig_id": string;
          "id": string;
          "note": string | null;
          "profile_snapshot": NonNullable<Json>;
          "reviewed_at": string | null;
          "reviewed_by": string | null;
          "status": string;
          "updated_at": string;
        };
        ComputedFields: never;
        Insert: {
          "applicant_user_id": string;
          "applied_at"?: string;
          "compatibility_score": number;
          "gig_id": string;
          "id"?: string;
          "note"?: string | null;
          "profile_snapshot"?: NonNullable<Json>;
          "reviewed_at"?: string | null;
          "reviewed_by"?: string | null;
          "status"?: string;
          "updated_at"?: string;
        };
        Update: {
          "applicant_user_id"?: string;
          "applied_at"?: string;
          "compatibility_score"?: number;
          "gig_id"?: string;
          "id"?: string;
          "note"?: string | null;
          "profile_snapshot"?: NonNullable<Json>;
          "reviewed_at"?: string | null;
          "reviewed_by"?: string | null;
          "status"?: string;
          "updated_at"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "applications_gig_id_fkey";
            columns: ["gig_id"];
            isOneToOne: false;
            referencedRelation: "gigs";
            referencedColumns: ["id"];
          },
        ];
      };
      "gigs": {
        Row: {
          "applicant_preferences": NonNullable<Json>;
          "application_deadline": string;
          "boost_level": number;
          "comp_amount": number | null;
          "comp_currency": string;
          "comp_type": string;
          "completed_at": string | null;
          "created_at": string;
          "description": string;
          "end_time": string;
          "id": string;
          "is_mature": boolean;
          "location": unknown;
          "location_lat": number;
          "location_lng": number;
          "location_radius_km": number;
          "location_text": string;
          "looking_for_types": (string)[];
          "max_applicants": number;
          "moodboard_id": string | null;
          "owner_user_id": string;
          "published_at": string | null;
          "safety_notes": string | null;
          "start_time": string;
          "status": string;
          "tags": (string)[];
          "title": string;
          "updated_at": string;
          "usage_rights": string | null;
        };
        ComputedFields: never;
        Insert: {
          "applicant_preferences"?: NonNullable<Json>;
          "application_deadline": string;
          "boost_level"?: number;
          "comp_amount"?: number | null;
          "comp_currency"?: string;
          "comp_type": string;
          "completed_at"?: string | null;
          "created_at"?: string;
          "description": string;
          "end_time": string;
          "id"?: string;
          "is_mature"?: boolean;
          "location"?: never;
          "location_lat": number;
          "location_lng": number;
          "location_radius_km"?: number;
          "location_text": string;
          "looking_for_types"?: (string)[];
          "max_applicants"?: number;
          "moodboard_id"?: string | null;
          "owner_user_id"?: string;
          "published_at"?: string | null;
          "safety_notes"?: string | null;
          "start_time": string;
          "status"?: string;
          "tags"?: (string)[];
          "title": string;
          "updated_at"?: string;
          "usage_rights"?: string | null;
        };
        Update: {
          "applicant_preferences"?: NonNullable<Json>;
          "application_deadline"?: string;
          "boost_level"?: number;
          "comp_amount"?: number | null;
          "comp_currency"?: string;
          "comp_type"?: string;
          "completed_at"?: string | null;
          "created_at"?: string;
          "description"?: string;
          "end_time"?: string;
          "id"?: string;
          "is_mature"?: boolean;
          "location"?: never;
          "location_lat"?: number;
          "location_lng"?: number;
          "location_radius_km"?: number;
          "location_text"?: string;
          "looking_for_types"?: (string)[];
          "max_applicants"?: number;
          "moodboard_id"?: string | null;
          "owner_user_id"?: string;
          "published_at"?: string | null;
          "safety_notes"?: string | null;
          "start_time"?: string;
          "status"?: string;
          "tags"?: (string)[];
          "title"?: string;
          "updated_at"?: string;
          "usage_rights"?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: "gigs_moodboard_id_fkey";
            columns: ["moodboard_id"];
            isOneToOne: false;
            referencedRelation: "moodboards";
            referencedColumns: ["id"];
          },
        ];
      };
      "media": {
        Row: {
          "blurhash": string | null;
          "bucket": string;
          "created_at": string;
          "duration_seconds": number | null;
          "file_size": number | null;
          "generation_metadata": Json | null;
          "gig_id": string | null;
          "height": number | null;
          "hidden_at": string | null;
          "id": string;
          "mime_type": string;
          "original_filename": string | null;
          "owner_user_id": string;
          "palette": (string)[];
          "path": string;
          "type": string;
          "visibility": string;
          "width": number | null;
        };
        ComputedFields: never;
        Insert: {
          "blurhash"?: string | null;
          "bucket"?: string;
          "created_at"?: string;
          "duration_seconds"?: number | null;
          "file_size"?: number | null;
          "generation_metadata"?: Json | null;
          "gig_id"?: string | null;
          "height"?: number | null;
          "hidden_at"?: string | null;
          "id"?: string;
          "mime_type": string;
          "original_filename"?: string | null;
          "owner_user_id"?: string;
          "palette"?: (string)[];
          "path": string;
          "type": string;
          "visibility"?: string;
          "width"?: number | null;
        };
        Update: {
          "blurhash"?: string | null;
          "bucket"?: string;
          "created_at"?: string;
          "duration_seconds"?: number | null;
          "file_size"?: number | null;
          "generation_metadata"?: Json | null;
          "gig_id"?: string | null;
          "height"?: number | null;
          "hidden_at"?: string | null;
          "id"?: string;
          "mime_type"?: string;
          "original_filename"?: string | null;
          "owner_user_id"?: string;
          "palette"?: (string)[];
          "path"?: string;
          "type"?: string;
          "visibility"?: string;
          "width"?: number | null;
        };
        Relationships: [
          {
            foreignKeyName: "media_gig_id_fkey";
            columns: ["gig_id"];
            isOneToOne: false;
            referencedRelation: "gigs";
            referencedColumns: ["id"];
          },
        ];
      };
      "media_exif": {
        Row: {
          "created_at": string;
          "exif": NonNullable<Json>;
          "media_id": string;
          "owner_user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "created_at"?: string;
          "exif": NonNullable<Json>;
          "media_id": string;
          "owner_user_id"?: string;
        };
        Update: {
          "created_at"?: string;
          "exif"?: NonNullable<Json>;
          "media_id"?: string;
          "owner_user_id"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "media_exif_media_id_fkey";
            columns: ["media_id"];
            isOneToOne: true;
            referencedRelation: "media";
            referencedColumns: ["id"];
          },
        ];
      };
      "moodboards": {
        Row: {
          "created_at": string;
          "description": string | null;
          "gig_id": string | null;
          "id": string;
          "is_public": boolean;
          "items": NonNullable<Json>;
          "owner_user_id": string;
          "palette": (string)[];
          "title": string;
          "updated_at": string;
        };
        ComputedFields: never;
        Insert: {
          "created_at"?: string;
          "description"?: string | null;
          "gig_id"?: string | null;
          "id"?: string;
          "is_public"?: boolean;
          "items"?: NonNullable<Json>;
          "owner_user_id"?: string;
          "palette"?: (string)[];
          "title": string;
          "updated_at"?: string;
        };
        Update: {
          "created_at"?: string;
          "description"?: string | null;
          "gig_id"?: string | null;
          "id"?: string;
          "is_public"?: boolean;
          "items"?: NonNullable<Json>;
          "owner_user_id"?: string;
          "palette"?: (string)[];
          "title"?: string;
          "updated_at"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "moodboards_gig_id_fkey";
            columns: ["gig_id"];
            isOneToOne: false;
            referencedRelation: "gigs";
            referencedColumns: ["id"];
          },
        ];
      };
      "profiles": {
        Row: {
          "city": string | null;
          "country": string | null;
          "created_at": string;
          "equipment": (string)[];
          "experience_years": number;
          "handle": string;
          "looking_for_types": (string)[];
          "portfolio_urls": (string)[];
          "profile_completion_percentage": number | null;
          "rating": number | null;
          "review_count": number;
          "role": string;
          "social_links": NonNullable<Json>;
          "style_tags": (string)[];
          "updated_at": string;
          "user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "city"?: string | null;
          "country"?: string | null;
          "created_at"?: string;
          "equipment"?: (string)[];
          "experience_years"?: number;
          "handle": string;
          "looking_for_types"?: (string)[];
          "portfolio_urls"?: (string)[];
          "profile_completion_percentage"?: never;
          "rating"?: number | null;
          "review_count"?: number;
          "role": string;
          "social_links"?: NonNullable<Json>;
          "style_tags"?: (string)[];
          "updated_at"?: string;
          "user_id": string;
        };
        Update: {
          "city"?: string | null;
          "country"?: string | null;
          "created_at"?: string;
          "equipment"?: (string)[];
          "experience_years"?: number;
          "handle"?: string;
          "looking_for_types"?: (string)[];
          "portfolio_urls"?: (string)[];
          "profile_completion_percentage"?: never;
          "rating"?: number | null;
          "review_count"?: number;
          "role"?: string;
          "social_links"?: NonNullable<Json>;
          "style_tags"?: (string)[];
          "updated_at"?: string;
          "user_id"?: string;
        };
        Relationships: [];
      };
      "reviews": {
        Row: {
          "comment": string | null;
          "created_at": string;
          "gig_id": string;
          "hidden_at": string | null;
          "id": string;
          "is_public": boolean;
          "rating": number;
          "reviewee_id": string;
          "reviewer_id": string;
          "tags": (string)[];
        };
        ComputedFields: never;
        Insert: {
          "comment"?: string | null;
          "created_at"?: string;
          "gig_id": string;
          "hidden_at"?: string | null;
          "id"?: string;
          "is_public"?: boolean;
          "rating": number;
          "reviewee_id": string;
          "reviewer_id": string;
          "tags"?: (string)[];
        };
        Update: {
          "comment"?: string | null;
          "created_at"?: string;
          "gig_id"?: string;
          "hidden_at"?: string | null;
          "id"?: string;
          "is_public"?: boolean;
          "rating"?: number;
          "reviewee_id"?: string;
          "reviewer_id"?: string;
          "tags"?: (string)[];
        };
        Relationships: [
          {
            foreignKeyName: "reviews_gig_id_fkey";
            columns: ["gig_id"];
            isOneToOne: false;
            referencedRelation: "gigs";
            referencedColumns: ["id"];
          },
        ];
      };
      "showcase_likes": {
        Row: {
          "created_at": string;
          "showcase_id": string;
          "user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "created_at"?: string;
          "showcase_id": string;
          "user_id"?: string;
        };
        Update: {
          "created_at"?: string;
          "showcase_id"?: string;
          "user_id"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "showcase_likes_showcase_id_fkey";
            columns: ["showcase_id"];
            isOneToOne: false;
            referencedRelation: "showcases";
            referencedColumns: ["id"];
          },
        ];
      };
      "showcase_view_counts": {
        Row: {
          "shard": number;
          "showcase_id": string;
          "views": number;
        };
        ComputedFields: never;
        Insert: {
          "shard": number;
          "showcase_id": string;
          "views"?: number;
        };
        Update: {
          "shard"?: number;
          "showcase_id"?: string;
          "views"?: number;
        };
        Relationships: [
          {
            foreignKeyName: "showcase_view_counts_showcase_id_fkey";
            columns: ["showcase_id"];
            isOneToOne: false;
            referencedRelation: "showcases";
            referencedColumns: ["id"];
          },
        ];
      };
      "showcases": {
        Row: {
          "approved_by_creator_at": string | null;
          "approved_by_talent_at": string | null;
          "caption": string | null;
          "created_at": string;
          "creator_user_id": string;
          "gig_id": string;
          "hidden_at": string | null;
          "id": string;
          "media_ids": (string)[];
          "palette": (string)[];
          "tags": (string)[];
          "talent_user_id": string;
          "updated_at": string;
          "visibility": string | null;
        };
        ComputedFields: never;
        Insert: {
          "approved_by_creator_at"?: string | null;
          "approved_by_talent_at"?: string | null;
          "caption"?: string | null;
          "created_at"?: string;
          "creator_user_id": string;
          "gig_id": string;
          "hidden_at"?: string | null;
          "id"?: string;
          "media_ids": (string)[];
          "palette"?: (string)[];
          "tags"?: (string)[];
          "talent_user_id": string;
          "updated_at"?: string;
          "visibility"?: never;
        };
        Update: {
          "approved_by_creator_at"?: string | null;
          "approved_by_talent_at"?: string | null;
          "caption"?: string | null;
          "created_at"?: string;
          "creator_user_id"?: string;
          "gig_id"?: string;
          "hidden_at"?: string | null;
          "id"?: string;
          "media_ids"?: (string)[];
          "palette"?: (string)[];
          "tags"?: (string)[];
          "talent_user_id"?: string;
          "updated_at"?: string;
          "visibility"?: never;
        };
        Relationships: [
          {
            foreignKeyName: "showcases_gig_id_fkey";
            columns: ["gig_id"];
            isOneToOne: false;
            referencedRelation: "gigs";
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
      "ai_record_enhancement_images": {
        Args: {
          "p_outputs": Json;
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
      "apply": {
        Args: { "p_gig_id": string; "p_note"?: string };
        Returns: {
          "applicant_user_id": string;
          "applied_at": string;
          "compatibility_score": number;
          "gig_id": string;
          "id": string;
          "note": string | null;
          "profile_snapshot": NonNullable<Json>;
          "reviewed_at": string | null;
          "reviewed_by": string | null;
          "status": string;
          "updated_at": string;
        };
        SetofOptions: {
          from: "*";
          to: "applications";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "boost_gig": {
        Args: {
          "p_gig_id": string;
          "p_idempotency_key": string;
          "p_level": number;
        };
        Returns: {
          "applicant_preferences": NonNullable<Json>;
          "application_deadline": string;
          "boost_level": number;
          "comp_amount": number | null;
          "comp_currency": string;
          "comp_type": string;
          "completed_at": string | null;
          "created_at": string;
          "description": string;
          "end_time": string;
          "id": string;
          "is_mature": boolean;
          "location": unknown;
          "location_lat": number;
          "location_lng": number;
          "location_radius_km": number;
          "location_text": string;
          "looking_for_types": (string)[];
          "max_applicants": number;
          "moodboard_id": string | null;
          "owner_user_id": string;
          "published_at": string | null;
          "safety_notes": string | null;
          "start_time": string;
          "status": string;
          "tags": (string)[];
          "title": string;
          "updated_at": string;
          "usage_rights": string | null;
        };
        SetofOptions: {
          from: "*";
          to: "gigs";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "cancel_gig": {
        Args: { "p_gig_id": string };
        Returns: {
          "applicant_preferences": NonNullable<Json>;
          "application_deadline": string;
          "boost_level": number;
          "comp_amount": number | null;
          "comp_currency": string;
          "comp_type": string;
          "completed_at": string | null;
          "created_at": string;
          "description": string;
          "end_time": string;
          "id": string;
          "is_mature": boolean;
          "location": unknown;
          "location_lat": number;
          "location_lng": number;
          "location_radius_km": number;
          "location_text": string;
          "looking_for_types": (string)[];
          "max_applicants": number;
          "moodboard_id": string | null;
          "owner_user_id": string;
          "published_at": string | null;
          "safety_notes": string | null;
          "start_time": string;
          "status": string;
          "tags": (string)[];
          "title": string;
          "updated_at": string;
          "usage_rights": string | null;
        };
        SetofOptions: {
          from: "*";
          to: "gigs";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "close_gig": {
        Args: { "p_gig_id": string };
        Returns: {
          "applicant_preferences": NonNullable<Json>;
          "application_deadline": string;
          "boost_level": number;
          "comp_amount": number | null;
          "comp_currency": string;
          "comp_type": string;
          "completed_at": string | null;
          "created_at": string;
          "description": string;
          "end_time": string;
          "id": string;
          "is_mature": boolean;
          "location": unknown;
          "location_lat": number;
          "location_lng": number;
          "location_radius_km": number;
          "location_text": string;
          "looking_for_types": (string)[];
          "max_applicants": number;
          "moodboard_id": string | null;
          "owner_user_id": string;
          "published_at": string | null;
          "safety_notes": string | null;
          "start_time": string;
          "status": string;
          "tags": (string)[];
          "title": string;
          "updated_at": string;
          "usage_rights": string | null;
        };
        SetofOptions: {
          from: "*";
          to: "gigs";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "complete_gig": {
        Args: { "p_gig_id": string };
        Returns: {
          "applicant_preferences": NonNullable<Json>;
          "application_deadline": string;
          "boost_level": number;
          "comp_amount": number | null;
          "comp_currency": string;
          "comp_type": string;
          "completed_at": string | null;
          "created_at": string;
          "description": string;
          "end_time": string;
          "id": string;
          "is_mature": boolean;
          "location": unknown;
          "location_lat": number;
          "location_lng": number;
          "location_radius_km": number;
          "location_text": string;
          "looking_for_types": (string)[];
          "max_applicants": number;
          "moodboard_id": string | null;
          "owner_user_id": string;
          "published_at": string | null;
          "safety_notes": string | null;
          "start_time": string;
          "status": string;
          "tags": (string)[];
          "title": string;
          "updated_at": string;
          "usage_rights": string | null;
        };
        SetofOptions: {
          from: "*";
          to: "gigs";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "create_showcase": {
        Args: {
          "p_caption"?: string;
          "p_gig_id": string;
          "p_media_ids": (string)[];
          "p_palette"?: (string)[];
          "p_tags"?: (string)[];
          "p_talent_user_id": string;
        };
        Returns: {
          "approved_by_creator_at": string | null;
          "approved_by_talent_at": string | null;
          "caption": string | null;
          "created_at": string;
          "creator_user_id": string;
          "gig_id": string;
          "hidden_at": string | null;
          "id": string;
          "media_ids": (string)[];
          "palette": (string)[];
          "tags": (string)[];
          "talent_user_id": string;
          "updated_at": string;
          "visibility": string | null;
        };
        SetofOptions: {
          from: "*";
          to: "showcases";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "discover_gigs": {
        Args: {
          "p_after"?: string;
          "p_comp_types"?: (string)[];
          "p_lat": number;
          "p_limit"?: number;
          "p_lng": number;
          "p_looking_for"?: (string)[];
          "p_radius_km"?: number;
        };
        Returns: {
          "application_deadline": string;
          "boost_level": number;
          "comp_amount": number;
          "comp_currency": string;
          "comp_type": string;
          "created_at": string;
          "distance_km": number;
          "end_time": string;
          "id": string;
          "is_mature": boolean;
          "location_lat": number;
          "location_lng": number;
          "location_radius_km": number;
          "location_text": string;
          "looking_for_types": (string)[];
          "owner_user_id": string;
          "start_time": string;
          "tags": (string)[];
          "title": string;
        }[];
      };
      "gig_conversation": { Args: { "p_gig_id": string }; Returns: string };
      "leave_review": {
        Args: {
          "p_comment"?: string;
          "p_gig_id": string;
          "p_is_public"?: boolean;
          "p_rating": number;
          "p_reviewee_id": string;
          "p_tags"?: (string)[];
        };
        Returns: {
          "comment": string | null;
          "created_at": string;
          "gig_id": string;
          "hidden_at": string | null;
          "id": string;
          "is_public": boolean;
          "rating": number;
          "reviewee_id": string;
          "reviewer_id": string;
          "tags": (string)[];
        };
        SetofOptions: {
          from: "*";
          to: "reviews";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "publish_gig": {
        Args: { "p_gig_id": string };
        Returns: {
          "applicant_preferences": NonNullable<Json>;
          "application_deadline": string;
          "boost_level": number;
          "comp_amount": number | null;
          "comp_currency": string;
          "comp_type": string;
          "completed_at": string | null;
          "created_at": string;
          "description": string;
          "end_time": string;
          "id": string;
          "is_mature": boolean;
          "location": unknown;
          "location_lat": number;
          "location_lng": number;
          "location_radius_km": number;
          "location_text": string;
          "looking_for_types": (string)[];
          "max_applicants": number;
          "moodboard_id": string | null;
          "owner_user_id": string;
          "published_at": string | null;
          "safety_notes": string | null;
          "start_time": string;
          "status": string;
          "tags": (string)[];
          "title": string;
          "updated_at": string;
          "usage_rights": string | null;
        };
        SetofOptions: {
          from: "*";
          to: "gigs";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "record_showcase_view": {
        Args: { "p_showcase_id": string };
        Returns: undefined;
      };
      "review_application": {
        Args: { "p_application_id": string; "p_status": string };
        Returns: {
          "applicant_user_id": string;
          "applied_at": string;
          "compatibility_score": number;
          "gig_id": string;
          "id": string;
          "note": string | null;
          "profile_snapshot": NonNullable<Json>;
          "reviewed_at": string | null;
          "reviewed_by": string | null;
          "status": string;
          "updated_at": string;
        };
        SetofOptions: {
          from: "*";
          to: "applications";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "set_showcase_approval": {
        Args: { "p_approved": boolean; "p_showcase_id": string };
        Returns: {
          "approved_by_creator_at": string | null;
          "approved_by_talent_at": string | null;
          "caption": string | null;
          "created_at": string;
          "creator_user_id": string;
          "gig_id": string;
          "hidden_at": string | null;
          "id": string;
          "media_ids": (string)[];
          "palette": (string)[];
          "tags": (string)[];
          "talent_user_id": string;
          "updated_at": string;
          "visibility": string | null;
        };
        SetofOptions: {
          from: "*";
          to: "showcases";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "showcase_stats": {
        Args: { "p_showcase_id": string };
        Returns: {
          "likes": number;
          "views": number;
        }[];
      };
      "verification_badge": {
        Args: { "p_handle": string };
        Returns: {
          "profile_id": string;
          "verification_badge": string;
          "verification_status": string;
        }[];
      };
      "withdraw_application": {
        Args: { "p_application_id": string };
        Returns: {
          "applicant_user_id": string;
          "applied_at": string;
          "compatibility_score": number;
          "gig_id": string;
          "id": string;
          "note": string | null;
          "profile_snapshot": NonNullable<Json>;
          "reviewed_at": string | null;
          "reviewed_by": string | null;
          "status": string;
          "updated_at": string;
        };
        SetofOptions: {
          from: "*";
          to: "applications";
          isOneToOne: true;
          isSetofReturn: false;
        };
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
      "avatars": {
        Row: {
          "active": boolean;
          "id": string;
          "name": string;
        };
        ComputedFields: never;
        Insert: {
          "active"?: boolean;
          "id": string;
          "name": string;
        };
        Update: {
          "active"?: boolean;
          "id"?: string;
          "name"?: string;
        };
        Relationships: [];
      };
      "inventory_items": {
        Row: {
          "active": boolean;
          "created_at": string;
          "currency": string;
          "id": string;
          "metadata": NonNullable<Json>;
          "name": string;
          "price_credits": number | null;
          "price_minor": number | null;
          "sku": string;
          "type": string;
          "updated_at": string;
        };
        ComputedFields: never;
        Insert: {
          "active"?: boolean;
          "created_at"?: string;
          "currency"?: string;
          "id"?: string;
          "metadata"?: NonNullable<Json>;
          "name": string;
          "price_credits"?: number | null;
          "price_minor"?: number | null;
          "sku": string;
          "type": string;
          "updated_at"?: string;
        };
        Update: {
          "active"?: boolean;
          "created_at"?: string;
          "currency"?: string;
          "id"?: string;
          "metadata"?: NonNullable<Json>;
          "name"?: string;
          "price_credits"?: number | null;
          "price_minor"?: number | null;
          "sku"?: string;
          "type"?: string;
          "updated_at"?: string;
        };
        Relationships: [];
      };
      "profiles": {
        Row: {
          "avatar_config": NonNullable<Json>;
          "avatar_id": string | null;
          "bio": string | null;
          "created_at": string;
          "display_name": string | null;
          "interests": (string)[];
          "name_base": string;
          "name_suffix": number;
          "privacy_level": string;
          "updated_at": string;
          "user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "avatar_config"?: NonNullable<Json>;
          "avatar_id"?: string | null;
          "bio"?: string | null;
          "created_at"?: string;
          "display_name"?: never;
          "interests"?: (string)[];
          "name_base": string;
          "name_suffix": number;
          "privacy_level"?: string;
          "updated_at"?: string;
          "user_id": string;
        };
        Update: {
          "avatar_config"?: NonNullable<Json>;
          "avatar_id"?: string | null;
          "bio"?: string | null;
          "created_at"?: string;
          "display_name"?: never;
          "interests"?: (string)[];
          "name_base"?: string;
          "name_suffix"?: number;
          "privacy_level"?: string;
          "updated_at"?: string;
          "user_id"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "profiles_avatar_id_fkey";
            columns: ["avatar_id"];
            isOneToOne: false;
            referencedRelation: "avatars";
            referencedColumns: ["id"];
          },
        ];
      };
      "purchases": {
        Row: {
          "created_at": string;
          "item_id": string;
          "transfer_id": number;
          "user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "created_at"?: string;
          "item_id": string;
          "transfer_id": number;
          "user_id": string;
        };
        Update: {
          "created_at"?: string;
          "item_id"?: string;
          "transfer_id"?: number;
          "user_id"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "purchases_item_id_fkey";
            columns: ["item_id"];
            isOneToOne: false;
            referencedRelation: "inventory_items";
            referencedColumns: ["id"];
          },
        ];
      };
      "rooms": {
        Row: {
          "capacity": number;
          "created_at": string;
          "created_by": string | null;
          "id": string;
          "is_private": boolean;
          "name": string;
          "occupancy": number;
          "region": string;
          "theme": string;
        };
        ComputedFields: never;
        Insert: {
          "capacity"?: number;
          "created_at"?: string;
          "created_by"?: string | null;
          "id"?: string;
          "is_private"?: boolean;
          "name": string;
          "occupancy"?: number;
          "region": string;
          "theme": string;
        };
        Update: {
          "capacity"?: number;
          "created_at"?: string;
          "created_by"?: string | null;
          "id"?: string;
          "is_private"?: boolean;
          "name"?: string;
          "occupancy"?: number;
          "region"?: string;
          "theme"?: string;
        };
        Relationships: [];
      };
      "user_inventory": {
        Row: {
          "acquired_at": string;
          "id": string;
          "item_id": string;
          "quantity": number;
          "updated_at": string;
          "user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "acquired_at"?: string;
          "id"?: string;
          "item_id": string;
          "quantity"?: number;
          "updated_at"?: string;
          "user_id": string;
        };
        Update: {
          "acquired_at"?: string;
          "id"?: string;
          "item_id"?: string;
          "quantity"?: number;
          "updated_at"?: string;
          "user_id"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "user_inventory_item_id_fkey";
            columns: ["item_id"];
            isOneToOne: false;
            referencedRelation: "inventory_items";
            referencedColumns: ["id"];
          },
        ];
      };
    };
    Views: {
      "room_memberships": {
        Row: {
          "closed_reason": string | null;
          "id": string;
          "join_source": string | null;
          "joined_at": string;
          "last_seen_at": string;
          "left_at": string | null;
          "room_id": string;
          "user_id": string;
          "rooms": {
            "capacity": number;
            "created_at": string;
            "created_by": string | null;
            "id": string;
            "is_private": boolean;
            "name": string;
            "occupancy": number;
            "region": string;
            "theme": string;
          } | null;
        };
        ComputedFields: "rooms";
        Insert: {
          "closed_reason"?: string | null;
          "id"?: string | null;
          "join_source"?: string | null;
          "joined_at"?: string | null;
          "last_seen_at"?: string | null;
          "left_at"?: string | null;
          "room_id"?: string | null;
          "user_id"?: string | null;
        };
        Update: {
          "closed_reason"?: string | null;
          "id"?: string | null;
          "join_source"?: string | null;
          "joined_at"?: string | null;
          "last_seen_at"?: string | null;
          "left_at"?: string | null;
          "room_id"?: string | null;
          "user_id"?: string | null;
        };
        Relationships: [];
      };
    };
    Functions: {
      "buy_item": {
        Args: {
          "p_idempotency_key": string;
          "p_item_id": string;
          "p_pay_with": string;
        };
        Returns: {
          "acquired_at": string;
          "id": string;
          "item_id": string;
          "quantity": number;
          "updated_at": string;
          "user_id": string;
        };
        SetofOptions: {
          from: "*";
          to: "user_inventory";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "consume_item": {
        Args: { "p_item_id": string };
        Returns: {
          "acquired_at": string;
          "id": string;
          "item_id": string;
          "quantity": number;
          "updated_at": string;
          "user_id": string;
        };
        SetofOptions: {
          from: "*";
          to: "user_inventory";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "create_room": {
        Args: {
          "p_capacity"?: number;
          "p_is_private"?: boolean;
          "p_name": string;
          "p_region": string;
          "p_theme": string;
        };
        Returns: {
          "capacity": number;
          "created_at": string;
          "created_by": string | null;
          "id": string;
          "is_private": boolean;
          "name": string;
          "occupancy": number;
          "region": string;
          "theme": string;
        };
        SetofOptions: {
          from: "*";
          to: "rooms";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "friends_online": {
        Args: Record<PropertyKey, never>;
        Returns: {
          "display_name": string;
          "last_seen_at": string;
          "room_id": string;
          "room_name": string;
          "user_id": string;
        }[];
      };
      "heartbeat": {
        Args: Record<PropertyKey, never>;
        Returns: Database["public"]["Tables"]["seats"]["Row"];
        SetofOptions: {
          from: "*";
          to: "seats";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "invite_to_room": {
        Args: { "p_room_id": string; "p_user_id": string };
        Returns: {
          "invitation_id": string;
          "token": string;
        }[];
      };
      "join_room": {
        Args: { "p_room_id": string };
        Returns: {
          "closed_reason": string | null;
          "id": string;
          "join_source": string | null;
          "joined_at": string;
          "last_seen_at": string;
          "left_at": string | null;
          "room_id": string;
          "user_id": string;
        };
        SetofOptions: {
          from: "*";
          to: "room_memberships";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "leave_room": {
        Args: Record<PropertyKey, never>;
        Returns: {
          "closed_reason": string | null;
          "id": string;
          "join_source": string | null;
          "joined_at": string;
          "last_seen_at": string;
          "left_at": string | null;
          "room_id": string;
          "user_id": string;
        };
        SetofOptions: {
          from: "*";
          to: "room_memberships";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "matchmake": {
        Args: {
          "p_interests"?: (string)[];
          "p_region": string;
          "p_theme"?: string;
        };
        Returns: {
          "closed_reason": string | null;
          "id": string;
          "join_source": string | null;
          "joined_at": string;
          "last_seen_at": string;
          "left_at": string | null;
          "room_id": string;
          "user_id": string;
        };
        SetofOptions: {
          from: "*";
          to: "room_memberships";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "profile_card": {
        Args: { "p_user_id": string };
        Returns: {
          "avatar_config": Json;
          "avatar_id": string;
          "bio": string;
          "current_room_id": string;
          "display_name": string;
          "interests": (string)[];
          "privacy_level": string;
          "user_id": string;
        }[];
      };
      "remove_member": {
        Args: { "p_room_id": string; "p_user_id": string };
        Returns: boolean;
      };
      "report_user": {
        Args: {
          "p_description"?: string;
          "p_evidence_paths"?: (string)[];
          "p_reason": string;
          "p_room_id": string;
          "p_user_id": string;
        };
        Returns: string;
      };
      "rooms": {
        Args: {
          "p_membership": Omit<
            Database["lounge"]["Views"]["room_memberships"]["Row"],
            Database["lounge"]["Views"]["room_memberships"]["ComputedFields"]
          >;
        };
        Returns: {
          "capacity": number;
          "created_at": string;
          "created_by": string | null;
          "id": string;
          "is_private": boolean;
          "name": string;
          "occupancy": number;
          "region": string;
          "theme": string;
        };
        SetofOptions: {
          from: "lounge.room_memberships";
          to: "rooms";
          isOneToOne: true;
          isSetofReturn: true;
        };
      };
      "set_display_name": {
        Args: { "p_name": string };
        Returns: {
          "avatar_config": NonNullable<Json>;
          "avatar_id": string | null;
          "bio": string | null;
          "created_at": string;
          "display_name": string | null;
          "interests": (string)[];
          "name_base": string;
          "name_suffix": number;
          "privacy_level": string;
          "updated_at": string;
          "user_id": string;
        };
        SetofOptions: {
          from: "*";
          to: "profiles";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
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
          "archived": boolean;
          "conversation_id": string;
          "joined_at": string;
          "last_activity_at": string;
          "last_read_at": string | null;
          "last_read_message_id": number | null;
          "muted": boolean;
          "role": string;
          "unread_count": number;
          "user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "archived"?: boolean;
          "conversation_id": string;
          "joined_at"?: string;
          "last_activity_at"?: string;
          "last_read_at"?: string | null;
          "last_read_message_id"?: number | null;
          "muted"?: boolean;
          "role"?: string;
          "unread_count"?: number;
          "user_id": string;
        };
        Update: {
          "archived"?: boolean;
          "conversation_id"?: string;
          "joined_at"?: string;
          "last_activity_at"?: string;
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
          "subject_id": string | null;
          "subject_type": string | null;
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
          "subject_id"?: string | null;
          "subject_type"?: string | null;
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
          "subject_id"?: string | null;
          "subject_type"?: string | null;
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
          "on_report": string | null;
          "product": string;
          "target_type": string;
        };
        ComputedFields: never;
        Insert: {
          "check_function": string;
          "created_at"?: string;
          "description": string;
          "on_report"?: string | null;
          "product": string;
          "target_type": string;
        };
        Update: {
          "check_function"?: string;
          "created_at"?: string;
          "description"?: string;
          "on_report"?: string | null;
          "product"?: string;
          "target_type"?: string;
        };
        Relationships: [];
      };
      "reports": {
        Row: {
          "assigned_to": string | null;
          "context_id": string | null;
          "context_type": string | null;
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
          "context_id"?: string | null;
          "context_type"?: string | null;
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
          "context_id"?: string | null;
          "context_type"?: string | null;
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
            foreignKeyName: "reports_context_type_fkey";
            columns: ["context_type"];
            isOneToOne: false;
            referencedRelation: "report_target_types";
            referencedColumns: ["target_type"];
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
          "source": string | null;
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
          "source"?: string | null;
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
          "source"?: string | null;
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
          "auto_hide_nsfw": boolean;
          "blocked_categories": (string)[];
          "content_filter_level": string;
          "hidden_tags": (string)[];
          "preferred_languages": (string)[];
          "show_nsfw_warnings": boolean;
          "updated_at": string;
          "user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "allow_mature_content"?: boolean;
          "auto_hide_nsfw"?: boolean;
          "blocked_categories"?: (string)[];
          "content_filter_level"?: string;
          "hidden_tags"?: (string)[];
          "preferred_languages"?: (string)[];
          "show_nsfw_warnings"?: boolean;
          "updated_at"?: string;
          "user_id": string;
        };
        Update: {
          "allow_mature_content"?: boolean;
          "auto_hide_nsfw"?: boolean;
          "blocked_categories"?: (string)[];
          "content_filter_level"?: string;
          "hidden_tags"?: (string)[];
          "preferred_languages"?: (string)[];
          "show_nsfw_warnings"?: boolean;
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
          "on_change": string | null;
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
          "on_change"?: string | null;
          "product": string;
          "source"?: string;
          "validity"?: string | null;
        };
        Update: {
          "created_at"?: string;
          "decide_permission"?: string | null;
          "description"?: string;
          "kind"?: string;
          "on_change"?: string | null;
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
          "context_id": string | null;
          "context_type": string | null;
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
          "source": string | null;
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
          "source": string | null;
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
          "source": string | null;
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
          "archived": boolean;
          "conversation_id": string;
          "kind": string;
          "last_activity_at": string;
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
          "context_id": string | null;
          "context_type": string | null;
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
      "unread_notification_count": {
        Args: { "p_cap"?: number };
        Returns: number;
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
      "avatars": {
        Row: {
          "appearance": NonNullable<Json>;
          "created_at": string;
          "id": string;
          "is_active": boolean;
          "name": string;
          "updated_at": string;
          "user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "appearance"?: NonNullable<Json>;
          "created_at"?: string;
          "id"?: string;
          "is_active"?: boolean;
          "name": string;
          "updated_at"?: string;
          "user_id"?: string;
        };
        Update: {
          "appearance"?: NonNullable<Json>;
          "created_at"?: string;
          "id"?: string;
          "is_active"?: boolean;
          "name"?: string;
          "updated_at"?: string;
          "user_id"?: string;
        };
        Relationships: [];
      };
      "bot_actions": {
        Row: {
          "action_description": string;
          "action_type": string;
          "bot_id": string;
          "error_message": string | null;
          "finding_id": string | null;
          "id": string;
          "knowledge_id": string | null;
          "metadata": NonNullable<Json>;
          "success": boolean;
          "taken_at": string;
        };
        ComputedFields: never;
        Insert: {
          "action_description": string;
          "action_type": string;
          "bot_id": string;
          "error_message"?: string | null;
          "finding_id"?: string | null;
          "id"?: string;
          "knowledge_id"?: string | null;
          "metadata"?: NonNullable<Json>;
          "success": boolean;
          "taken_at"?: string;
        };
        Update: {
          "action_description"?: string;
          "action_type"?: string;
          "bot_id"?: string;
          "error_message"?: string | null;
          "finding_id"?: string | null;
          "id"?: string;
          "knowledge_id"?: string | null;
          "metadata"?: NonNullable<Json>;
          "success"?: boolean;
          "taken_at"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "bot_actions_bot_id_fkey";
            columns: ["bot_id"];
            isOneToOne: false;
            referencedRelation: "bots";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "bot_actions_finding_id_bot_id_fkey";
            columns: ["finding_id", "bot_id"];
            isOneToOne: false;
            referencedRelation: "bot_findings";
            referencedColumns: ["id", "bot_id"];
          },
          {
            foreignKeyName: "bot_actions_knowledge_id_fkey";
            columns: ["knowledge_id"];
            isOneToOne: false;
            referencedRelation: "bot_knowledge";
            referencedColumns: ["id"];
          },
        ];
      };
      "bot_allowed_hosts": {
        Row: {
          "created_at": string;
          "host": string;
          "note": string | null;
        };
        ComputedFields: never;
        Insert: {
          "created_at"?: string;
          "host": string;
          "note"?: string | null;
        };
        Update: {
          "created_at"?: string;
          "host"?: string;
          "note"?: string | null;
        };
        Relationships: [];
      };
      "bot_executions": {
        Row: {
          "bot_id": string;
          "claimed_by": string | null;
          "error_message": string | null;
          "execution_time_ms": number | null;
          "findings_count": number;
          "finished_at": string | null;
          "http_status": number | null;
          "id": string;
          "metadata": NonNullable<Json>;
          "started_at": string;
          "status": string;
        };
        ComputedFields: never;
        Insert: {
          "bot_id": string;
          "claimed_by"?: string | null;
          "error_message"?: string | null;
          "execution_time_ms"?: number | null;
          "findings_count"?: number;
          "finished_at"?: string | null;
          "http_status"?: number | null;
          "id"?: string;
          "metadata"?: NonNullable<Json>;
          "started_at"?: string;
          "status"?: string;
        };
        Update: {
          "bot_id"?: string;
          "claimed_by"?: string | null;
          "error_message"?: string | null;
          "execution_time_ms"?: number | null;
          "findings_count"?: number;
          "finished_at"?: string | null;
          "http_status"?: number | null;
          "id"?: string;
          "metadata"?: NonNullable<Json>;
          "started_at"?: string;
          "status"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "bot_executions_bot_id_fkey";
            columns: ["bot_id"];
            isOneToOne: false;
            referencedRelation: "bots";
            referencedColumns: ["id"];
          },
        ];
      };
      "bot_findings": {
        Row: {
          "affected_component": string | null;
          "bot_id": string;
          "category": string;
          "description": string | null;
          "detected_at": string;
          "execution_id": string;
          "id": string;
          "metadata": NonNullable<Json>;
          "resolution_method": string | null;
          "resolution_notes": string | null;
          "resolved_at": string | null;
          "severity": string;
          "title": string;
        };
        ComputedFields: never;
        Insert: {
          "affected_component"?: string | null;
          "bot_id": string;
          "category": string;
          "description"?: string | null;
          "detected_at"?: string;
          "execution_id": string;
          "id"?: string;
          "metadata"?: NonNullable<Json>;
          "resolution_method"?: string | null;
          "resolution_notes"?: string | null;
          "resolved_at"?: string | null;
          "severity": string;
          "title": string;
        };
        Update: {
          "affected_component"?: string | null;
          "bot_id"?: string;
          "category"?: string;
          "description"?: string | null;
          "detected_at"?: string;
          "execution_id"?: string;
          "id"?: string;
          "metadata"?: NonNullable<Json>;
          "resolution_method"?: string | null;
          "resolution_notes"?: string | null;
          "resolved_at"?: string | null;
          "severity"?: string;
          "title"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "bot_findings_bot_id_fkey";
            columns: ["bot_id"];
            isOneToOne: false;
            referencedRelation: "bots";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "bot_findings_execution_id_bot_id_fkey";
            columns: ["execution_id", "bot_id"];
            isOneToOne: false;
            referencedRelation: "bot_executions";
            referencedColumns: ["id", "bot_id"];
          },
        ];
      };
      "bot_knowledge": {
        Row: {
          "category": string;
          "created_at": string;
          "id": string;
          "issue_pattern": string;
          "last_used_at": string | null;
          "solution": string;
          "success_rate": number;
          "times_applied": number;
          "times_successful": number;
          "updated_at": string;
        };
        ComputedFields: never;
        Insert: {
          "category": string;
          "created_at"?: string;
          "id"?: string;
          "issue_pattern": string;
          "last_used_at"?: string | null;
          "solution": string;
          "success_rate"?: number;
          "times_applied"?: number;
          "times_successful"?: number;
          "updated_at"?: string;
        };
        Update: {
          "category"?: string;
          "created_at"?: string;
          "id"?: string;
          "issue_pattern"?: string;
          "last_used_at"?: string | null;
          "solution"?: string;
          "success_rate"?: number;
          "times_applied"?: number;
          "times_successful"?: number;
          "updated_at"?: string;
        };
        Relationships: [];
      };
      "bot_tickets": {
        Row: {
          "assigned_staff_id": string | null;
          "assignee": string;
          "bot_id": string;
          "created_at": string;
          "description": string;
          "finding_id": string | null;
          "id": string;
          "metadata": NonNullable<Json>;
          "resolution_notes": string | null;
          "resolved_at": string | null;
          "resolved_by": string | null;
          "severity": string;
          "status": string;
          "title": string;
          "updated_at": string;
        };
        ComputedFields: never;
        Insert: {
          "assigned_staff_id"?: string | null;
          "assignee"?: string;
          "bot_id": string;
          "created_at"?: string;
          "description": string;
          "finding_id"?: string | null;
          "id"?: string;
          "metadata"?: NonNullable<Json>;
          "resolution_notes"?: string | null;
          "resolved_at"?: string | null;
          "resolved_by"?: string | null;
          "severity": string;
          "status"?: string;
          "title": string;
          "updated_at"?: string;
        };
        Update: {
          "assigned_staff_id"?: string | null;
          "assignee"?: string;
          "bot_id"?: string;
          "created_at"?: string;
          "description"?: string;
          "finding_id"?: string | null;
          "id"?: string;
          "metadata"?: NonNullable<Json>;
          "resolution_notes"?: string | null;
          "resolved_at"?: string | null;
          "resolved_by"?: string | null;
          "severity"?: string;
          "status"?: string;
          "title"?: string;
          "updated_at"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "bot_tickets_bot_id_fkey";
            columns: ["bot_id"];
            isOneToOne: false;
            referencedRelation: "bots";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "bot_tickets_finding_id_bot_id_fkey";
            columns: ["finding_id", "bot_id"];
            isOneToOne: false;
            referencedRelation: "bot_findings";
            referencedColumns: ["id", "bot_id"];
          },
        ];
      };
      "bots": {
        Row: {
          "api_endpoint": string;
          "avg_execution_time_ms": number | null;
          "created_at": string;
          "created_by": string | null;
          "description": string | null;
          "display_name": string;
          "failed_runs": number;
          "http_method": string;
          "id": string;
          "last_execution_at": string | null;
          "name": string;
          "next_execution_at": string | null;
          "schedule_cron": string;
          "status": string;
          "successful_runs": number;
          "timeout_seconds": number;
          "total_runs": number;
          "updated_at": string;
        };
        ComputedFields: never;
        Insert: {
          "api_endpoint": string;
          "avg_execution_time_ms"?: number | null;
          "created_at"?: string;
          "created_by"?: string | null;
          "description"?: string | null;
          "display_name": string;
          "failed_runs"?: number;
          "http_method"?: string;
          "id"?: string;
          "last_execution_at"?: string | null;
          "name": string;
          "next_execution_at"?: string | null;
          "schedule_cron": string;
          "status"?: string;
          "successful_runs"?: number;
          "timeout_seconds"?: number;
          "total_runs"?: number;
          "updated_at"?: string;
        };
        Update: {
          "api_endpoint"?: string;
          "avg_execution_time_ms"?: number | null;
          "created_at"?: string;
          "created_by"?: string | null;
          "description"?: string | null;
          "display_name"?: string;
          "failed_runs"?: number;
          "http_method"?: string;
          "id"?: string;
          "last_execution_at"?: string | null;
          "name"?: string;
          "next_execution_at"?: string | null;
          "schedule_cron"?: string;
          "status"?: string;
          "successful_runs"?: number;
          "timeout_seconds"?: number;
          "total_runs"?: number;
          "updated_at"?: string;
        };
        Relationships: [];
      };
      "first_responders": {
        Row: {
          "agency": string | null;
          "created_at": string;
          "id": string;
          "role": string;
          "updated_at": string;
          "user_id": string;
          "verified": boolean;
        };
        ComputedFields: never;
        Insert: {
          "agency"?: string | null;
          "created_at"?: string;
          "id"?: string;
          "role": string;
          "updated_at"?: string;
          "user_id"?: string;
          "verified"?: boolean;
        };
        Update: {
          "agency"?: string | null;
          "created_at"?: string;
          "id"?: string;
          "role"?: string;
          "updated_at"?: string;
          "user_id"?: string;
          "verified"?: boolean;
        };
        Relationships: [];
      };
      "game_leaderboards": {
        Row: {
          "achieved_at": string;
          "created_at": string;
          "game_id": string;
          "id": string;
          "score": number;
          "session_id": string | null;
          "user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "achieved_at"?: string;
          "created_at"?: string;
          "game_id": string;
          "id"?: string;
          "score": number;
          "session_id"?: string | null;
          "user_id": string;
        };
        Update: {
          "achieved_at"?: string;
          "created_at"?: string;
          "game_id"?: string;
          "id"?: string;
          "score"?: number;
          "session_id"?: string | null;
          "user_id"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "game_leaderboards_game_id_fkey";
            columns: ["game_id"];
            isOneToOne: false;
            referencedRelation: "games_catalog";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "game_leaderboards_session_id_fkey";
            columns: ["session_id"];
            isOneToOne: false;
            referencedRelation: "game_sessions";
            referencedColumns: ["id"];
          },
        ];
      };
      "game_play_counts": {
        Row: {
          "game_id": string;
          "plays": number;
          "shard": number;
        };
        ComputedFields: never;
        Insert: {
          "game_id": string;
          "plays"?: number;
          "shard": number;
        };
        Update: {
          "game_id"?: string;
          "plays"?: number;
          "shard"?: number;
        };
        Relationships: [
          {
            foreignKeyName: "game_play_counts_game_id_fkey";
            columns: ["game_id"];
            isOneToOne: false;
            referencedRelation: "games_catalog";
            referencedColumns: ["id"];
          },
        ];
      };
      "game_score_buckets": {
        Row: {
          "bucket": number;
          "game_id": string;
          "players": number;
          "shard": number;
        };
        ComputedFields: never;
        Insert: {
          "bucket": number;
          "game_id": string;
          "players": number;
          "shard": number;
        };
        Update: {
          "bucket"?: number;
          "game_id"?: string;
          "players"?: number;
          "shard"?: number;
        };
        Relationships: [
          {
            foreignKeyName: "game_score_buckets_game_id_fkey";
            columns: ["game_id"];
            isOneToOne: false;
            referencedRelation: "games_catalog";
            referencedColumns: ["id"];
          },
        ];
      };
      "game_sessions": {
        Row: {
          "completed": boolean;
          "created_at": string;
          "credits_charged": number;
          "duration_seconds": number | null;
          "ended_at": string | null;
          "game_id": string;
          "id": string;
          "idempotency_key": string;
          "refusal_reason": string | null;
          "score": number | null;
          "started_at": string;
          "status": string;
          "transfer_id": number | null;
          "user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "completed"?: boolean;
          "created_at"?: string;
          "credits_charged"?: number;
          "duration_seconds"?: number | null;
          "ended_at"?: string | null;
          "game_id": string;
          "id"?: string;
          "idempotency_key": string;
          "refusal_reason"?: string | null;
          "score"?: number | null;
          "started_at"?: string;
          "status"?: string;
          "transfer_id"?: number | null;
          "user_id": string;
        };
        Update: {
          "completed"?: boolean;
          "created_at"?: string;
          "credits_charged"?: number;
          "duration_seconds"?: number | null;
          "ended_at"?: string | null;
          "game_id"?: string;
          "id"?: string;
          "idempotency_key"?: string;
          "refusal_reason"?: string | null;
          "score"?: number | null;
          "started_at"?: string;
          "status"?: string;
          "transfer_id"?: number | null;
          "user_id"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "game_sessions_game_id_fkey";
            columns: ["game_id"];
            isOneToOne: false;
            referencedRelation: "games_catalog";
            referencedColumns: ["id"];
          },
        ];
      };
      "games_catalog": {
        Row: {
          "active": boolean;
          "category": string;
          "created_at": string;
          "credit_cost": number;
          "description": string | null;
          "id": string;
          "is_premium": boolean;
          "max_score": number;
          "min_duration_seconds": number;
          "min_score": number;
          "name": string;
          "play_count": number;
          "rating": number | null;
          "slug": string;
          "thumbnail_url": string | null;
          "updated_at": string;
        };
        ComputedFields: never;
        Insert: {
          "active"?: boolean;
          "category": string;
          "created_at"?: string;
          "credit_cost"?: number;
          "description"?: string | null;
          "id"?: string;
          "is_premium"?: boolean;
          "max_score"?: number;
          "min_duration_seconds"?: number;
          "min_score"?: number;
          "name": string;
          "play_count"?: number;
          "rating"?: number | null;
          "slug": string;
          "thumbnail_url"?: string | null;
          "updated_at"?: string;
        };
        Update: {
          "active"?: boolean;
          "category"?: string;
          "created_at"?: string;
          "credit_cost"?: number;
          "description"?: string | null;
          "id"?: string;
          "is_premium"?: boolean;
          "max_score"?: number;
          "min_duration_seconds"?: number;
          "min_score"?: number;
          "name"?: string;
          "play_count"?: number;
          "rating"?: number | null;
          "slug"?: string;
          "thumbnail_url"?: string | null;
          "updated_at"?: string;
        };
        Relationships: [];
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
          "failed_count": number;
          "id": string;
          "message_count": number | null;
          "model": string | null;
          "patterns_detected": Json | null;
          "provider": string | null;
          "response_quality_score": number | null;
          "summary_date": string | null;
          "tokens_used": number | null;
          "user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "avg_message_length"?: number | null;
          "conversation_type": string;
          "created_at"?: string;
          "credits_used"?: number | null;
          "failed_count"?: number;
          "id"?: string;
          "message_count"?: number | null;
          "model"?: string | null;
          "patterns_detected"?: Json | null;
          "provider"?: string | null;
          "response_quality_score"?: number | null;
          "summary_date"?: string | null;
          "tokens_used"?: number | null;
          "user_id": string;
        };
        Update: {
          "avg_message_length"?: number | null;
          "conversation_type"?: string;
          "created_at"?: string;
          "credits_used"?: number | null;
          "failed_count"?: number;
          "id"?: string;
          "message_count"?: number | null;
          "model"?: string | null;
          "patterns_detected"?: Json | null;
          "provider"?: string | null;
          "response_quality_score"?: number | null;
          "summary_date"?: string | null;
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
      "space_visits": {
        Row: {
          "avatar_id": string;
          "duration_seconds": number | null;
          "entered_at": string;
          "exited_at": string | null;
          "id": string;
          "seat_id": string | null;
          "space_id": string;
          "user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "avatar_id": string;
          "duration_seconds"?: number | null;
          "entered_at"?: string;
          "exited_at"?: string | null;
          "id"?: string;
          "seat_id"?: string | null;
          "space_id": string;
          "user_id": string;
        };
        Update: {
          "avatar_id"?: string;
          "duration_seconds"?: number | null;
          "entered_at"?: string;
          "exited_at"?: string | null;
          "id"?: string;
          "seat_id"?: string | null;
          "space_id"?: string;
          "user_id"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "space_visits_avatar_id_fkey";
            columns: ["avatar_id"];
            isOneToOne: false;
            referencedRelation: "avatars";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "space_visits_space_id_fkey";
            columns: ["space_id"];
            isOneToOne: false;
            referencedRelation: "virtual_spaces";
            referencedColumns: ["id"];
          },
        ];
      };
      "support_group_invite_codes": {
        Row: {
          "code": string;
          "group_id": string;
        };
        ComputedFields: never;
        Insert: {
          "code"?: string;
          "group_id": string;
        };
        Update: {
          "code"?: string;
          "group_id"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "support_group_invite_codes_group_id_fkey";
            columns: ["group_id"];
            isOneToOne: true;
            referencedRelation: "support_groups";
            referencedColumns: ["id"];
          },
        ];
      };
      "support_group_members": {
        Row: {
          "group_id": string;
          "joined_at": string;
          "role": string;
          "user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "group_id": string;
          "joined_at"?: string;
          "role"?: string;
          "user_id": string;
        };
        Update: {
          "group_id"?: string;
          "joined_at"?: string;
          "role"?: string;
          "user_id"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "support_group_members_group_id_fkey";
            columns: ["group_id"];
            isOneToOne: false;
            referencedRelation: "support_groups";
            referencedColumns: ["id"];
          },
        ];
      };
      "support_groups": {
        Row: {
          "created_at": string;
          "created_by": string | null;
          "description": string | null;
          "id": string;
          "is_private": boolean;
          "max_members": number;
          "module": string;
          "name": string;
          "updated_at": string;
        };
        ComputedFields: never;
        Insert: {
          "created_at"?: string;
          "created_by"?: string | null;
          "description"?: string | null;
          "id"?: string;
          "is_private"?: boolean;
          "max_members"?: number;
          "module": string;
          "name": string;
          "updated_at"?: string;
        };
        Update: {
          "created_at"?: string;
          "created_by"?: string | null;
          "description"?: string | null;
          "id"?: string;
          "is_private"?: boolean;
          "max_members"?: number;
          "module"?: string;
          "name"?: string;
          "updated_at"?: string;
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
      "virtual_spaces": {
        Row: {
          "capacity": number;
          "coordinates": Json | null;
          "created_at": string;
          "id": string;
          "is_public": boolean;
          "metadata": NonNullable<Json>;
          "name": string;
          "owner_id": string | null;
          "type": string;
          "updated_at": string;
        };
        ComputedFields: never;
        Insert: {
          "capacity"?: number;
          "coordinates"?: Json | null;
          "created_at"?: string;
          "id"?: string;
          "is_public"?: boolean;
          "metadata"?: NonNullable<Json>;
          "name": string;
          "owner_id"?: string | null;
          "type": string;
          "updated_at"?: string;
        };
        Update: {
          "capacity"?: number;
          "coordinates"?: Json | null;
          "created_at"?: string;
          "id"?: string;
          "is_public"?: boolean;
          "metadata"?: NonNullable<Json>;
          "name"?: string;
          "owner_id"?: string | null;
          "type"?: string;
          "updated_at"?: string;
        };
        Relationships: [];
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
      "assign_bot_ticket": {
        Args: { "p_staff_id"?: string; "p_ticket_id": string };
        Returns: {
          "assigned_staff_id": string | null;
          "assignee": string;
          "bot_id": string;
          "created_at": string;
          "description": string;
          "finding_id": string | null;
          "id": string;
          "metadata": NonNullable<Json>;
          "resolution_notes": string | null;
          "resolved_at": string | null;
          "resolved_by": string | null;
          "severity": string;
          "status": string;
          "title": string;
          "updated_at": string;
        };
        SetofOptions: {
          from: "*";
          to: "bot_tickets";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "claim_due_bots": {
        Args: { "p_limit"?: number; "p_worker": string };
        Returns: {
          "api_endpoint": string;
          "bot_id": string;
          "bot_name": string;
          "execution_id": string;
          "http_method": string;
          "timeout_ms": number;
        }[];
      };
      "create_support_group": {
        Args: {
          "p_description"?: string;
          "p_is_private"?: boolean;
          "p_max_members"?: number;
          "p_module": string;
          "p_name": string;
        };
        Returns: {
          "created_at": string;
          "created_by": string | null;
          "description": string | null;
          "id": string;
          "is_private": boolean;
          "max_members": number;
          "module": string;
          "name": string;
          "updated_at": string;
        };
        SetofOptions: {
          from: "*";
          to: "support_groups";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "enter_space": {
        Args: { "p_avatar_id"?: string; "p_space_id": string };
        Returns: {
          "avatar_id": string;
          "duration_seconds": number | null;
          "entered_at": string;
          "exited_at": string | null;
          "id": string;
          "seat_id": string | null;
          "space_id": string;
          "user_id": string;
        };
        SetofOptions: {
          from: "*";
          to: "space_visits";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "exit_space": {
        Args: { "p_visit_id": string };
        Returns: {
          "avatar_id": string;
          "duration_seconds": number | null;
          "entered_at": string;
          "exited_at": string | null;
          "id": string;
          "seat_id": string | null;
          "space_id": string;
          "user_id": string;
        };
        SetofOptions: {
          from: "*";
          to: "space_visits";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "finish_game": {
        Args: { "p_score": number; "p_session_id": string };
        Returns: {
          "completed": boolean;
          "created_at": string;
          "credits_charged": number;
          "duration_seconds": number | null;
          "ended_at": string | null;
          "game_id": string;
          "id": string;
          "idempotency_key": string;
          "refusal_reason": string | null;
          "score": number | null;
          "started_at": string;
          "status": string;
          "transfer_id": number | null;
          "user_id": string;
        };
        SetofOptions: {
          from: "*";
          to: "game_sessions";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "game_leaderboard": {
        Args: { "p_game_id": string; "p_limit"?: number; "p_offset"?: number };
        Returns: {
          "achieved_at": string;
          "player_id": string;
          "rank": number;
          "score": number;
        }[];
      };
      "game_rank": {
        Args: { "p_game_id": string; "p_user_id"?: string };
        Returns: {
          "achieved_at": string;
          "rank": number;
          "score": number;
        }[];
      };
      "join_support_group": {
        Args: { "p_group_id": string; "p_invite_code"?: string };
        Returns: {
          "group_id": string;
          "joined_at": string;
          "role": string;
          "user_id": string;
        };
        SetofOptions: {
          from: "*";
          to: "support_group_members";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "leave_support_group": {
        Args: { "p_group_id": string };
        Returns: undefined;
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
      "my_profile": {
        Args: Record<PropertyKey, never>;
        Returns: {
          "avatar_url": string;
          "created_at": string;
          "credits": number;
          "display_name": string;
          "email": string;
          "id": string;
          "last_login_at": string;
          "monthly_credits": number;
          "plan_id": string;
          "role": string;
          "subscription_id": string;
          "subscription_status": string;
          "subscription_tier": string;
          "updated_at": string;
        }[];
      };
      "open_space_channel": { Args: { "p_space_id": string }; Returns: string };
      "open_support_group_chat": {
        Args: { "p_group_id": string };
        Returns: string;
      };
      "record_bot_run": {
        Args: {
          "p_error"?: string;
          "p_execution_id": string;
          "p_findings"?: Json;
          "p_http_status"?: number;
          "p_metadata"?: Json;
          "p_succeeded": boolean;
        };
        Returns: {
          "bot_id": string;
          "claimed_by": string | null;
          "error_message": string | null;
          "execution_time_ms": number | null;
          "findings_count": number;
          "finished_at": string | null;
          "http_status": number | null;
          "id": string;
          "metadata": NonNullable<Json>;
          "started_at": string;
          "status": string;
        };
        SetofOptions: {
          from: "*";
          to: "bot_executions";
          isOneToOne: true;
          isSetofReturn: false;
        };
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
      "remove_support_group_member": {
        Args: { "p_group_id": string; "p_user_id": string };
        Returns: undefined;
      };
      "resolve_bot_finding": {
        Args: {
          "p_finding_id": string;
          "p_method": string;
          "p_notes"?: string;
        };
        Returns: {
          "affected_component": string | null;
          "bot_id": string;
          "category": string;
          "description": string | null;
          "detected_at": string;
          "execution_id": string;
          "id": string;
          "metadata": NonNullable<Json>;
          "resolution_method": string | null;
          "resolution_notes": string | null;
          "resolved_at": string | null;
          "severity": string;
          "title": string;
        };
        SetofOptions: {
          from: "*";
          to: "bot_findings";
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
      "run_bot_now": {
        Args: { "p_bot_id": string };
        Returns: {
          "api_endpoint": string;
          "avg_execution_time_ms": number | null;
          "created_at": string;
          "created_by": string | null;
          "description": string | null;
          "display_name": string;
          "failed_runs": number;
          "http_method": string;
          "id": string;
          "last_execution_at": string | null;
          "name": string;
          "next_execution_at": string | null;
          "schedule_cron": string;
          "status": string;
          "successful_runs": number;
          "timeout_seconds": number;
          "total_runs": number;
          "updated_at": string;
        };
        SetofOptions: {
          from: "*";
          to: "bots";
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
      "set_bot_ticket_status": {
        Args: {
          "p_resolution_notes"?: string;
          "p_status": string;
          "p_ticket_id": string;
        };
        Returns: {
          "assigned_staff_id": string | null;
          "assignee": string;
          "bot_id": string;
          "created_at": string;
          "description": string;
          "finding_id": string | null;
          "id": string;
          "metadata": NonNullable<Json>;
          "resolution_notes": string | null;
          "resolved_at": string | null;
          "resolved_by": string | null;
          "severity": string;
          "status": string;
          "title": string;
          "updated_at": string;
        };
        SetofOptions: {
          from: "*";
          to: "bot_tickets";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "set_support_group_role": {
        Args: { "p_group_id": string; "p_role": string; "p_user_id": string };
        Returns: {
          "group_id": string;
          "joined_at": string;
          "role": string;
          "user_id": string;
        };
        SetofOptions: {
          from: "*";
          to: "support_group_members";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "start_game": {
        Args: {
          "p_game_id": string;
          "p_idempotency_key": string;
          "p_organization_id"?: string;
        };
        Returns: {
          "completed": boolean;
          "created_at": string;
          "credits_charged": number;
          "duration_seconds": number | null;
          "ended_at": string | null;
          "game_id": string;
          "id": string;
          "idempotency_key": string;
          "refusal_reason": string | null;
          "score": number | null;
          "started_at": string;
          "status": string;
          "transfer_id": number | null;
          "user_id": string;
        };
        SetofOptions: {
          from: "*";
          to: "game_sessions";
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
      "support_group_invite_code": {
        Args: { "p_group_id": string };
        Returns: string;
      };
      "write_learning_summaries": {
        Args: { "p_day"?: string };
        Returns: number;
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
          "access_granted": boolean;
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
          "session_number": number;
          "status": string;
        };
        ComputedFields: never;
        Insert: {
          "access_granted"?: boolean;
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
          "session_number"?: number;
          "status"?: string;
        };
        Update: {
          "access_granted"?: boolean;
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
          "session_number"?: number;
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
      "campaign_whispers": {
        Row: {
          "campaign_id": string;
          "created_at": string;
          "created_by": string;
          "id": string;
          "recipient_ids": (string)[];
        };
        ComputedFields: never;
        Insert: {
          "campaign_id": string;
          "created_at"?: string;
          "created_by": string;
          "id"?: string;
          "recipient_ids": (string)[];
        };
        Update: {
          "campaign_id"?: string;
          "created_at"?: string;
          "created_by"?: string;
          "id"?: string;
          "recipient_ids"?: (string)[];
        };
        Relationships: [
          {
            foreignKeyName: "campaign_whispers_campaign_id_fkey";
            columns: ["campaign_id"];
            isOneToOne: false;
            referencedRelation: "campaigns";
            referencedColumns: ["id"];
          },
        ];
      };
      "campaigns": {
        Row: {
          "completed_at": string | null;
          "created_at": string;
          "deleted_at": string | null;
          "deleted_by": string | null;
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
          "deleted_at"?: string | null;
          "deleted_by"?: string | null;
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
          "deleted_at"?: string | null;
          "deleted_by"?: string | null;
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
          "deleted_at": string | null;
          "deleted_by": string | null;
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
          "deleted_at"?: string | null;
          "deleted_by"?: string | null;
          "game_data"?: NonNullable<Json>;
          "id"?: string;
          "name": string;
          "owner_id"?: string;
          "updated_at"?: string;
        };
        Update: {
          "campaign_id"?: string;
          "created_at"?: string;
          "deleted_at"?: string | null;
          "deleted_by"?: string | null;
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
          "group_id": string | null;
          "id": string;
          "listing_type": string;
          "max_players": number;
          "min_players": number;
          "price_per_seat_cents": number;
          "published_at": string | null;
          "recurring_schedule": Json | null;
          "reminded_session": number;
          "scheduled_start": string | null;
          "session_length_minutes": number;
          "session_number": number;
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
          "group_id"?: string | null;
          "id"?: string;
          "listing_type": string;
          "max_players"?: number;
          "min_players"?: number;
          "price_per_seat_cents"?: number;
          "published_at"?: string | null;
          "recurring_schedule"?: Json | null;
          "reminded_session"?: number;
          "scheduled_start"?: string | null;
          "session_length_minutes": number;
          "session_number"?: number;
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
          "group_id"?: string | null;
          "id"?: string;
          "listing_type"?: string;
          "max_players"?: number;
          "min_players"?: number;
          "price_per_seat_cents"?: number;
          "published_at"?: string | null;
          "recurring_schedule"?: Json | null;
          "reminded_session"?: number;
          "scheduled_start"?: string | null;
          "session_length_minutes"?: number;
          "session_number"?: number;
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
          "deleted_at": string | null;
          "deleted_by": string | null;
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
          "deleted_at"?: string | null;
          "deleted_by"?: string | null;
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
          "deleted_at"?: string | null;
          "deleted_by"?: string | null;
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
          "is_verified": boolean;
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
          "is_verified"?: boolean;
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
          "is_verified"?: boolean;
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
          "deleted_at": string | null;
          "deleted_by": string | null;
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
          "deleted_at"?: string | null;
          "deleted_by"?: string | null;
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
          "deleted_at"?: string | null;
          "deleted_by"?: string | null;
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
          "access_granted": boolean;
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
          "session_number": number;
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
          "access_granted": boolean;
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
          "session_number": number;
          "status": string;
        };
        SetofOptions: {
          from: "*";
          to: "bookings";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "cancel_listing": {
        Args: { "p_listing_id": string; "p_reason"?: string };
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
          "group_id": string | null;
          "id": string;
          "listing_type": string;
          "max_players": number;
          "min_players": number;
          "price_per_seat_cents": number;
          "published_at": string | null;
          "recurring_schedule": Json | null;
          "reminded_session": number;
          "scheduled_start": string | null;
          "session_length_minutes": number;
          "session_number": number;
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
      "complete_booking": {
        Args: { "p_booking_id": string };
        Returns: {
          "access_granted": boolean;
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
          "session_number": number;
          "status": string;
        };
        SetofOptions: {
          from: "*";
          to: "bookings";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "complete_listing": {
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
          "group_id": string | null;
          "id": string;
          "listing_type": string;
          "max_players": number;
          "min_players": number;
          "price_per_seat_cents": number;
          "published_at": string | null;
          "recurring_schedule": Json | null;
          "reminded_session": number;
          "scheduled_start": string | null;
          "session_length_minutes": number;
          "session_number": number;
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
      "deactivate_streaming_connection": {
        Args: { "p_connection_id": string; "p_reason": string };
        Returns: undefined;
      };
      "delete_content": {
        Args: { "p_id": string; "p_kind": string };
        Returns: undefined;
      };
      "end_stream": { Args: { "p_stream_id": string }; Returns: undefined };
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
          "is_verified": boolean;
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
      "open_whisper": {
        Args: {
          "p_campaign_id": string;
          "p_recipient_ids": (string)[];
          "p_title"?: string;
        };
        Returns: string;
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
          "group_id": string | null;
          "id": string;
          "listing_type": string;
          "max_players": number;
          "min_players": number;
          "price_per_seat_cents": number;
          "published_at": string | null;
          "recurring_schedule": Json | null;
          "reminded_session": number;
          "scheduled_start": string | null;
          "session_length_minutes": number;
          "session_number": number;
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
      "remove_campaign_message": {
        Args: { "p_message_id": number };
        Returns: undefined;
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
      "restore_content": {
        Args: { "p_id": string; "p_kind": string };
        Returns: undefined;
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
          "is_verified": boolean;
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
      "start_stream": {
        Args: {
          "p_campaign_id": string;
          "p_is_public"?: boolean;
          "p_platform": string;
          "p_title"?: string;
        };
        Returns: string;
      };
      "store_refreshed_streaming_tokens": {
        Args: {
          "p_access_token_encrypted": string;
          "p_connection_id": string;
          "p_encryption_key_id": string;
          "p_refresh_token_encrypted": string;
          "p_scopes": (string)[];
          "p_token_expires_at": string;
        };
        Returns: undefined;
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
      "streaming_connections_to_refresh": {
        Args: { "p_limit"?: number; "p_within": string };
        Returns: {
          "encryption_key_id": string;
          "id": string;
          "platform": string;
          "refresh_token_encrypted": string;
        }[];
      };
      "unpublish_listing": {
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
          "group_id": string | null;
          "id": string;
          "listing_type": string;
          "max_players": number;
          "min_players": number;
          "price_per_seat_cents": number;
          "published_at": string | null;
          "recurring_schedule": Json | null;
          "reminded_session": number;
          "scheduled_start": string | null;
          "session_length_minutes": number;
          "session_number": number;
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
      "update_stream_stats": {
        Args: {
          "p_ended_at"?: string;
          "p_stream_id": string;
          "p_thumbnail_url"?: string;
          "p_viewer_count": number;
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
  "tarot": {
    Tables: {
      "client_profiles": {
        Row: {
          "birth_chart_data": NonNullable<Json>;
          "created_at": string;
          "date_of_birth": string | null;
          "updated_at": string;
          "user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "birth_chart_data"?: NonNullable<Json>;
          "created_at"?: string;
          "date_of_birth"?: string | null;
          "updated_at"?: string;
          "user_id"?: string;
        };
        Update: {
          "birth_chart_data"?: NonNullable<Json>;
          "created_at"?: string;
          "date_of_birth"?: string | null;
          "updated_at"?: string;
          "user_id"?: string;
        };
        Relationships: [];
      };
      "preferred_readers": {
        Row: {
          "client_id": string;
          "created_at": string;
          "reader_id": string;
        };
        ComputedFields: never;
        Insert: {
          "client_id"?: string;
          "created_at"?: string;
          "reader_id": string;
        };
        Update: {
          "client_id"?: string;
          "created_at"?: string;
          "reader_id"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "preferred_readers_reader_id_fkey";
            columns: ["reader_id"];
            isOneToOne: false;
            referencedRelation: "reader_profiles";
            referencedColumns: ["user_id"];
          },
        ];
      };
      "reader_profiles": {
        Row: {
          "availability_schedule": NonNullable<Json>;
          "average_rating": number | null;
          "certifications": (string)[];
          "created_at": string;
          "currency": string;
          "experience_years": number | null;
          "is_available_now": boolean;
          "is_listed": boolean;
          "languages": (string)[];
          "rate_amount": number;
          "rate_type": string;
          "rating_count": number;
          "readings_completed": number;
          "specializations": (string)[];
          "updated_at": string;
          "user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "availability_schedule"?: NonNullable<Json>;
          "average_rating"?: number | null;
          "certifications"?: (string)[];
          "created_at"?: string;
          "currency"?: string;
          "experience_years"?: number | null;
          "is_available_now"?: boolean;
          "is_listed"?: boolean;
          "languages"?: (string)[];
          "rate_amount"?: number;
          "rate_type"?: string;
          "rating_count"?: number;
          "readings_completed"?: number;
          "specializations"?: (string)[];
          "updated_at"?: string;
          "user_id"?: string;
        };
        Update: {
          "availability_schedule"?: NonNullable<Json>;
          "average_rating"?: number | null;
          "certifications"?: (string)[];
          "created_at"?: string;
          "currency"?: string;
          "experience_years"?: number | null;
          "is_available_now"?: boolean;
          "is_listed"?: boolean;
          "languages"?: (string)[];
          "rate_amount"?: number;
          "rate_type"?: string;
          "rating_count"?: number;
          "readings_completed"?: number;
          "specializations"?: (string)[];
          "updated_at"?: string;
          "user_id"?: string;
        };
        Relationships: [];
      };
      "reading_charges": {
        Row: {
          "charged": number;
          "client_id": string;
          "created_at": string;
          "currency": string;
          "effective_rate": number;
          "held": number;
          "hold_id": string | null;
          "platform_fee": number;
          "rate_amount": number;
          "rate_type": string;
          "reader_earning": number;
          "reader_id": string | null;
          "reading_id": string;
          "refunded": number;
          "surcharge_bps": number;
          "updated_at": string;
        };
        ComputedFields: never;
        Insert: {
          "charged"?: number;
          "client_id": string;
          "created_at"?: string;
          "currency": string;
          "effective_rate": number;
          "held"?: number;
          "hold_id"?: string | null;
          "platform_fee"?: number;
          "rate_amount": number;
          "rate_type": string;
          "reader_earning"?: number;
          "reader_id"?: string | null;
          "reading_id": string;
          "refunded"?: number;
          "surcharge_bps"?: number;
          "updated_at"?: string;
        };
        Update: {
          "charged"?: number;
          "client_id"?: string;
          "created_at"?: string;
          "currency"?: string;
          "effective_rate"?: number;
          "held"?: number;
          "hold_id"?: string | null;
          "platform_fee"?: number;
          "rate_amount"?: number;
          "rate_type"?: string;
          "reader_earning"?: number;
          "reader_id"?: string | null;
          "reading_id"?: string;
          "refunded"?: number;
          "surcharge_bps"?: number;
          "updated_at"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "reading_charges_reading_id_fkey";
            columns: ["reading_id"];
            isOneToOne: true;
            referencedRelation: "reading_sessions";
            referencedColumns: ["id"];
          },
        ];
      };
      "reading_sessions": {
        Row: {
          "ai": boolean;
          "ai_interpretation": Json | null;
          "ai_model_version": string | null;
          "cancelled_at": string | null;
          "cards_drawn": NonNullable<Json>;
          "client_feedback": string | null;
          "client_id": string;
          "completed_at": string | null;
          "created_at": string;
          "duration_minutes": number | null;
          "end_reason": string | null;
          "funds_warning_at": string | null;
          "id": string;
          "question": string | null;
          "rated_at": string | null;
          "reader_id": string | null;
          "reader_interpretation": string | null;
          "reader_notes": string | null;
          "satisfaction_rating": number | null;
          "session_type": string;
          "spread_id": string;
          "started_at": string | null;
          "status": string;
          "updated_at": string;
        };
        ComputedFields: never;
        Insert: {
          "ai"?: boolean;
          "ai_interpretation"?: Json | null;
          "ai_model_version"?: string | null;
          "cancelled_at"?: string | null;
          "cards_drawn"?: NonNullable<Json>;
          "client_feedback"?: string | null;
          "client_id": string;
          "completed_at"?: string | null;
          "created_at"?: string;
          "duration_minutes"?: number | null;
          "end_reason"?: string | null;
          "funds_warning_at"?: string | null;
          "id"?: string;
          "question"?: string | null;
          "rated_at"?: string | null;
          "reader_id"?: string | null;
          "reader_interpretation"?: string | null;
          "reader_notes"?: string | null;
          "satisfaction_rating"?: number | null;
          "session_type"?: string;
          "spread_id": string;
          "started_at"?: string | null;
          "status"?: string;
          "updated_at"?: string;
        };
        Update: {
          "ai"?: boolean;
          "ai_interpretation"?: Json | null;
          "ai_model_version"?: string | null;
          "cancelled_at"?: string | null;
          "cards_drawn"?: NonNullable<Json>;
          "client_feedback"?: string | null;
          "client_id"?: string;
          "completed_at"?: string | null;
          "created_at"?: string;
          "duration_minutes"?: number | null;
          "end_reason"?: string | null;
          "funds_warning_at"?: string | null;
          "id"?: string;
          "question"?: string | null;
          "rated_at"?: string | null;
          "reader_id"?: string | null;
          "reader_interpretation"?: string | null;
          "reader_notes"?: string | null;
          "satisfaction_rating"?: number | null;
          "session_type"?: string;
          "spread_id"?: string;
          "started_at"?: string | null;
          "status"?: string;
          "updated_at"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "reading_sessions_spread_id_fkey";
            columns: ["spread_id"];
            isOneToOne: false;
            referencedRelation: "tarot_spreads";
            referencedColumns: ["id"];
          },
        ];
      };
      "tarot_cards": {
        Row: {
          "arcana_type": string;
          "card_key": string;
          "career_reversed": string | null;
          "career_upright": string | null;
          "created_at": string;
          "description": string | null;
          "element": string;
          "finance_reversed": string | null;
          "finance_upright": string | null;
          "health_reversed": string | null;
          "health_upright": string | null;
          "hebrew_letter": string | null;
          "id": string;
          "image_path": string;
          "love_reversed": string | null;
          "love_upright": string | null;
          "name": string;
          "number": number;
          "numerology": number | null;
          "planet": string | null;
          "reversed_keywords": (string)[];
          "reversed_meaning": string;
          "spiritual_reversed": string | null;
          "spiritual_upright": string | null;
          "suit": string | null;
          "updated_at": string;
          "upright_keywords": (string)[];
          "upright_meaning": string;
          "zodiac_sign": string | null;
        };
        ComputedFields: never;
        Insert: {
          "arcana_type": string;
          "card_key": string;
          "career_reversed"?: string | null;
          "career_upright"?: string | null;
          "created_at"?: string;
          "description"?: string | null;
          "element": string;
          "finance_reversed"?: string | null;
          "finance_upright"?: string | null;
          "health_reversed"?: string | null;
          "health_upright"?: string | null;
          "hebrew_letter"?: string | null;
          "id"?: string;
          "image_path": string;
          "love_reversed"?: string | null;
          "love_upright"?: string | null;
          "name": string;
          "number": number;
          "numerology"?: number | null;
          "planet"?: string | null;
          "reversed_keywords"?: (string)[];
          "reversed_meaning": string;
          "spiritual_reversed"?: string | null;
          "spiritual_upright"?: string | null;
          "suit"?: string | null;
          "updated_at"?: string;
          "upright_keywords"?: (string)[];
          "upright_meaning": string;
          "zodiac_sign"?: string | null;
        };
        Update: {
          "arcana_type"?: string;
          "card_key"?: string;
          "career_reversed"?: string | null;
          "career_upright"?: string | null;
          "created_at"?: string;
          "description"?: string | null;
          "element"?: string;
          "finance_reversed"?: string | null;
          "finance_upright"?: string | null;
          "health_reversed"?: string | null;
          "health_upright"?: string | null;
          "hebrew_letter"?: string | null;
          "id"?: string;
          "image_path"?: string;
          "love_reversed"?: string | null;
          "love_upright"?: string | null;
          "name"?: string;
          "number"?: number;
          "numerology"?: number | null;
          "planet"?: string | null;
          "reversed_keywords"?: (string)[];
          "reversed_meaning"?: string;
          "spiritual_reversed"?: string | null;
          "spiritual_upright"?: string | null;
          "suit"?: string | null;
          "updated_at"?: string;
          "upright_keywords"?: (string)[];
          "upright_meaning"?: string;
          "zodiac_sign"?: string | null;
        };
        Relationships: [];
      };
      "tarot_spreads": {
        Row: {
          "card_count": number;
          "category": string | null;
          "created_at": string;
          "created_by": string | null;
          "description": string | null;
          "difficulty_level": string;
          "id": string;
          "is_custom": boolean;
          "is_public": boolean;
          "layout_data": NonNullable<Json>;
          "name": string;
          "updated_at": string;
          "usage_count": number;
        };
        ComputedFields: never;
        Insert: {
          "card_count": number;
          "category"?: string | null;
          "created_at"?: string;
          "created_by"?: string | null;
          "description"?: string | null;
          "difficulty_level"?: string;
          "id"?: string;
          "is_custom"?: boolean;
          "is_public"?: boolean;
          "layout_data": NonNullable<Json>;
          "name": string;
          "updated_at"?: string;
          "usage_count"?: number;
        };
        Update: {
          "card_count"?: number;
          "category"?: string | null;
          "created_at"?: string;
          "created_by"?: string | null;
          "description"?: string | null;
          "difficulty_level"?: string;
          "id"?: string;
          "is_custom"?: boolean;
          "is_public"?: boolean;
          "layout_data"?: NonNullable<Json>;
          "name"?: string;
          "updated_at"?: string;
          "usage_count"?: number;
        };
        Relationships: [];
      };
      "user_daily_stats": {
        Row: {
          "average_session_value": number;
          "calls_made": number;
          "currency": string;
          "day": string;
          "readings_completed": number;
          "total_spent": number;
          "user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "average_session_value"?: number;
          "calls_made"?: number;
          "currency"?: string;
          "day": string;
          "readings_completed"?: number;
          "total_spent"?: number;
          "user_id": string;
        };
        Update: {
          "average_session_value"?: number;
          "calls_made"?: number;
          "currency"?: string;
          "day"?: string;
          "readings_completed"?: number;
          "total_spent"?: number;
          "user_id"?: string;
        };
        Relationships: [];
      };
      "video_call_sessions": {
        Row: {
          "answered_at": string | null;
          "call_id": string | null;
          "call_type": string;
          "client_quality_rating": number | null;
          "connection_quality": NonNullable<Json>;
          "conversation_id": string;
          "created_at": string;
          "duration_seconds": number | null;
          "ended_at": string | null;
          "failure_reason": string | null;
          "ice_servers_used": NonNullable<Json>;
          "id": string;
          "initiator_id": string | null;
          "participants": (string)[];
          "reader_quality_rating": number | null;
          "reading_id": string;
          "server_region": string | null;
          "started_at": string;
          "status": string;
        };
        ComputedFields: never;
        Insert: {
          "answered_at"?: string | null;
          "call_id"?: string | null;
          "call_type"?: string;
          "client_quality_rating"?: number | null;
          "connection_quality"?: NonNullable<Json>;
          "conversation_id": string;
          "created_at"?: string;
          "duration_seconds"?: number | null;
          "ended_at"?: string | null;
          "failure_reason"?: string | null;
          "ice_servers_used"?: NonNullable<Json>;
          "id"?: string;
          "initiator_id"?: string | null;
          "participants": (string)[];
          "reader_quality_rating"?: number | null;
          "reading_id": string;
          "server_region"?: string | null;
          "started_at"?: string;
          "status"?: string;
        };
        Update: {
          "answered_at"?: string | null;
          "call_id"?: string | null;
          "call_type"?: string;
          "client_quality_rating"?: number | null;
          "connection_quality"?: NonNullable<Json>;
          "conversation_id"?: string;
          "created_at"?: string;
          "duration_seconds"?: number | null;
          "ended_at"?: string | null;
          "failure_reason"?: string | null;
          "ice_servers_used"?: NonNullable<Json>;
          "id"?: string;
          "initiator_id"?: string | null;
          "participants"?: (string)[];
          "reader_quality_rating"?: number | null;
          "reading_id"?: string;
          "server_region"?: string | null;
          "started_at"?: string;
          "status"?: string;
        };
        Relationships: [
          {
            foreignKeyName: "video_call_sessions_reading_id_fkey";
            columns: ["reading_id"];
            isOneToOne: false;
            referencedRelation: "reading_sessions";
            referencedColumns: ["id"];
          },
        ];
      };
    };
    Views: {
      [_ in never]: never;
    };
    Functions: {
      "answer_call": {
        Args: { "p_call_id": string };
        Returns: {
          "answered_at": string | null;
          "call_id": string | null;
          "call_type": string;
          "client_quality_rating": number | null;
          "connection_quality": NonNullable<Json>;
          "conversation_id": string;
          "created_at": string;
          "duration_seconds": number | null;
          "ended_at": string | null;
          "failure_reason": string | null;
          "ice_servers_used": NonNullable<Json>;
          "id": string;
          "initiator_id": string | null;
          "participants": (string)[];
          "reader_quality_rating": number | null;
          "reading_id": string;
          "server_region": string | null;
          "started_at": string;
          "status": string;
        };
        SetofOptions: {
          from: "*";
          to: "video_call_sessions";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "cancel_reading": {
        Args: { "p_reading_id": string };
        Returns: {
          "ai": boolean;
          "ai_interpretation": Json | null;
          "ai_model_version": string | null;
          "cancelled_at": string | null;
          "cards_drawn": NonNullable<Json>;
          "client_feedback": string | null;
          "client_id": string;
          "completed_at": string | null;
          "created_at": string;
          "duration_minutes": number | null;
          "end_reason": string | null;
          "funds_warning_at": string | null;
          "id": string;
          "question": string | null;
          "rated_at": string | null;
          "reader_id": string | null;
          "reader_interpretation": string | null;
          "reader_notes": string | null;
          "satisfaction_rating": number | null;
          "session_type": string;
          "spread_id": string;
          "started_at": string | null;
          "status": string;
          "updated_at": string;
        };
        SetofOptions: {
          from: "*";
          to: "reading_sessions";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "complete_reading": {
        Args: { "p_reading_id": string };
        Returns: {
          "ai": boolean;
          "ai_interpretation": Json | null;
          "ai_model_version": string | null;
          "cancelled_at": string | null;
          "cards_drawn": NonNullable<Json>;
          "client_feedback": string | null;
          "client_id": string;
          "completed_at": string | null;
          "created_at": string;
          "duration_minutes": number | null;
          "end_reason": string | null;
          "funds_warning_at": string | null;
          "id": string;
          "question": string | null;
          "rated_at": string | null;
          "reader_id": string | null;
          "reader_interpretation": string | null;
          "reader_notes": string | null;
          "satisfaction_rating": number | null;
          "session_type": string;
          "spread_id": string;
          "started_at": string | null;
          "status": string;
          "updated_at": string;
        };
        SetofOptions: {
          from: "*";
          to: "reading_sessions";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "end_call": {
        Args: {
          "p_call_id": string;
          "p_failed"?: boolean;
          "p_reason"?: string;
        };
        Returns: {
          "answered_at": string | null;
          "call_id": string | null;
          "call_type": string;
          "client_quality_rating": number | null;
          "connection_quality": NonNullable<Json>;
          "conversation_id": string;
          "created_at": string;
          "duration_seconds": number | null;
          "ended_at": string | null;
          "failure_reason": string | null;
          "ice_servers_used": NonNullable<Json>;
          "id": string;
          "initiator_id": string | null;
          "participants": (string)[];
          "reader_quality_rating": number | null;
          "reading_id": string;
          "server_region": string | null;
          "started_at": string;
          "status": string;
        };
        SetofOptions: {
          from: "*";
          to: "video_call_sessions";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "open_reading_room": {
        Args: { "p_reading_id": string };
        Returns: string;
      };
      "rate_call": {
        Args: {
          "p_call_id": string;
          "p_connection_quality"?: Json;
          "p_ice_servers_used"?: Json;
          "p_quality": number;
          "p_server_region"?: string;
        };
        Returns: {
          "answered_at": string | null;
          "call_id": string | null;
          "call_type": string;
          "client_quality_rating": number | null;
          "connection_quality": NonNullable<Json>;
          "conversation_id": string;
          "created_at": string;
          "duration_seconds": number | null;
          "ended_at": string | null;
          "failure_reason": string | null;
          "ice_servers_used": NonNullable<Json>;
          "id": string;
          "initiator_id": string | null;
          "participants": (string)[];
          "reader_quality_rating": number | null;
          "reading_id": string;
          "server_region": string | null;
          "started_at": string;
          "status": string;
        };
        SetofOptions: {
          from: "*";
          to: "video_call_sessions";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "rate_reading": {
        Args: {
          "p_feedback"?: string;
          "p_rating": number;
          "p_reading_id": string;
        };
        Returns: {
          "ai": boolean;
          "ai_interpretation": Json | null;
          "ai_model_version": string | null;
          "cancelled_at": string | null;
          "cards_drawn": NonNullable<Json>;
          "client_feedback": string | null;
          "client_id": string;
          "completed_at": string | null;
          "created_at": string;
          "duration_minutes": number | null;
          "end_reason": string | null;
          "funds_warning_at": string | null;
          "id": string;
          "question": string | null;
          "rated_at": string | null;
          "reader_id": string | null;
          "reader_interpretation": string | null;
          "reader_notes": string | null;
          "satisfaction_rating": number | null;
          "session_type": string;
          "spread_id": string;
          "started_at": string | null;
          "status": string;
          "updated_at": string;
        };
        SetofOptions: {
          from: "*";
          to: "reading_sessions";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "reading_tick": {
        Args: { "p_reading_id": string };
        Returns: {
          "ai": boolean;
          "ai_interpretation": Json | null;
          "ai_model_version": string | null;
          "cancelled_at": string | null;
          "cards_drawn": NonNullable<Json>;
          "client_feedback": string | null;
          "client_id": string;
          "completed_at": string | null;
          "created_at": string;
          "duration_minutes": number | null;
          "end_reason": string | null;
          "funds_warning_at": string | null;
          "id": string;
          "question": string | null;
          "rated_at": string | null;
          "reader_id": string | null;
          "reader_interpretation": string | null;
          "reader_notes": string | null;
          "satisfaction_rating": number | null;
          "session_type": string;
          "spread_id": string;
          "started_at": string | null;
          "status": string;
          "updated_at": string;
        };
        SetofOptions: {
          from: "*";
          to: "reading_sessions";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "request_reading": {
        Args: {
          "p_idempotency_key"?: string;
          "p_question"?: string;
          "p_reader_id"?: string;
          "p_session_type"?: string;
          "p_spread_id": string;
        };
        Returns: {
          "ai": boolean;
          "ai_interpretation": Json | null;
          "ai_model_version": string | null;
          "cancelled_at": string | null;
          "cards_drawn": NonNullable<Json>;
          "client_feedback": string | null;
          "client_id": string;
          "completed_at": string | null;
          "created_at": string;
          "duration_minutes": number | null;
          "end_reason": string | null;
          "funds_warning_at": string | null;
          "id": string;
          "question": string | null;
          "rated_at": string | null;
          "reader_id": string | null;
          "reader_interpretation": string | null;
          "reader_notes": string | null;
          "satisfaction_rating": number | null;
          "session_type": string;
          "spread_id": string;
          "started_at": string | null;
          "status": string;
          "updated_at": string;
        };
        SetofOptions: {
          from: "*";
          to: "reading_sessions";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "ring_call": {
        Args: { "p_call_id": string };
        Returns: {
          "answered_at": string | null;
          "call_id": string | null;
          "call_type": string;
          "client_quality_rating": number | null;
          "connection_quality": NonNullable<Json>;
          "conversation_id": string;
          "created_at": string;
          "duration_seconds": number | null;
          "ended_at": string | null;
          "failure_reason": string | null;
          "ice_servers_used": NonNullable<Json>;
          "id": string;
          "initiator_id": string | null;
          "participants": (string)[];
          "reader_quality_rating": number | null;
          "reading_id": string;
          "server_region": string | null;
          "started_at": string;
          "status": string;
        };
        SetofOptions: {
          from: "*";
          to: "video_call_sessions";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "settle_complaint": {
        Args: {
          "p_reading_id": string;
          "p_reason": string;
          "p_refund": number;
          "p_report_id"?: string;
        };
        Returns: {
          "charged": number;
          "client_id": string;
          "created_at": string;
          "currency": string;
          "effective_rate": number;
          "held": number;
          "hold_id": string | null;
          "platform_fee": number;
          "rate_amount": number;
          "rate_type": string;
          "reader_earning": number;
          "reader_id": string | null;
          "reading_id": string;
          "refunded": number;
          "surcharge_bps": number;
          "updated_at": string;
        };
        SetofOptions: {
          from: "*";
          to: "reading_charges";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "start_call": {
        Args: { "p_call_type"?: string; "p_reading_id": string };
        Returns: {
          "answered_at": string | null;
          "call_id": string | null;
          "call_type": string;
          "client_quality_rating": number | null;
          "connection_quality": NonNullable<Json>;
          "conversation_id": string;
          "created_at": string;
          "duration_seconds": number | null;
          "ended_at": string | null;
          "failure_reason": string | null;
          "ice_servers_used": NonNullable<Json>;
          "id": string;
          "initiator_id": string | null;
          "participants": (string)[];
          "reader_quality_rating": number | null;
          "reading_id": string;
          "server_region": string | null;
          "started_at": string;
          "status": string;
        };
        SetofOptions: {
          from: "*";
          to: "video_call_sessions";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "start_reading": {
        Args: { "p_reading_id": string };
        Returns: {
          "ai": boolean;
          "ai_interpretation": Json | null;
          "ai_model_version": string | null;
          "cancelled_at": string | null;
          "cards_drawn": NonNullable<Json>;
          "client_feedback": string | null;
          "client_id": string;
          "completed_at": string | null;
          "created_at": string;
          "duration_minutes": number | null;
          "end_reason": string | null;
          "funds_warning_at": string | null;
          "id": string;
          "question": string | null;
          "rated_at": string | null;
          "reader_id": string | null;
          "reader_interpretation": string | null;
          "reader_notes": string | null;
          "satisfaction_rating": number | null;
          "session_type": string;
          "spread_id": string;
          "started_at": string | null;
          "status": string;
          "updated_at": string;
        };
        SetofOptions: {
          from: "*";
          to: "reading_sessions";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
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
