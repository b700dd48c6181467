import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bonus policies and payouts (PRODUCT.md §5): versioned policies, one payout row per tranche,
 * approvals (four eyes), idempotency keys of money commands, payroll batches, and the
 * append-only double-entry ledger, whose rows a trigger forbids to update or delete.
 */
export class Payouts1764600000000 implements MigrationInterface {
  name = 'Payouts1764600000000';

  async up(q: QueryRunner): Promise<void> {
    // Every edit is a new version; a referral uses the version in force when it was submitted.
    await q.query(`
      CREATE TABLE bonus_policies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        version integer NOT NULL CHECK (version >= 1),
        definition jsonb NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        UNIQUE (organization_id, version),
        UNIQUE (organization_id, id)
      )`);

    await q.query(`
      CREATE TABLE payouts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        referral_id uuid NOT NULL,
        referrer_id uuid NOT NULL,
        policy_id uuid NOT NULL,
        policy_version integer NOT NULL,
        tranche_index integer NOT NULL CHECK (tranche_index >= 0),
        tranche_count integer NOT NULL CHECK (tranche_count >= 1),
        percent integer NOT NULL CHECK (percent BETWEEN 1 AND 100),
        amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
        currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        start_date date NOT NULL,
        due_date date NOT NULL,
        status text NOT NULL CHECK (status IN ('scheduled', 'eligible', 'approved', 'exported',
          'paid', 'forfeited', 'cancelled')),
        reason text,
        batch_id uuid,
        matured_at timestamptz,
        approved_at timestamptz,
        exported_at timestamptz,
        paid_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organization_id, id),
        UNIQUE (referral_id, tranche_index),
        FOREIGN KEY (organization_id, referral_id) REFERENCES referrals (organization_id, id),
        FOREIGN KEY (organization_id, policy_id) REFERENCES bonus_policies (organization_id, id),
        CHECK ((status IN ('exported', 'paid')) = (batch_id IS NOT NULL) OR status = 'cancelled')
      )`);
    await q.query(
      `CREATE INDEX payouts_due_idx ON payouts (due_date, id) WHERE status = 'scheduled'`,
    );
    await q.query(
      `CREATE INDEX payouts_org_status_idx ON payouts (organization_id, status, due_date, id)`,
    );
    await q.query(
      `CREATE INDEX payouts_referrer_idx ON payouts (organization_id, referrer_id, due_date)`,
    );

    await q.query(`
      CREATE TABLE payout_approvals (
        payout_id uuid NOT NULL REFERENCES payouts(id) ON DELETE CASCADE,
        approver_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (payout_id, approver_id)
      )`);

    // Replays of a money command with the same Idempotency-Key answer the first result.
    await q.query(`
      CREATE TABLE money_idempotency_keys (
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        key text NOT NULL CHECK (char_length(key) BETWEEN 1 AND 200),
        command text NOT NULL,
        target_id uuid NOT NULL,
        actor_id uuid,
        response jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, key)
      )`);

    await q.query(`
      CREATE TABLE payroll_batches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'exported' CHECK (status IN ('exported', 'paid')),
        payout_count integer NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        paid_at timestamptz,
        UNIQUE (organization_id, id)
      )`);

    await q.query(`
      CREATE TABLE ledger_entries (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organizations(id),
        -- payout id + effect (approve, pay, cancel): one effect is written once, whatever retries.
        effect_key text NOT NULL,
        account text NOT NULL CHECK (account IN ('bonus_expense', 'bonus_payable', 'cash')),
        debit_minor bigint NOT NULL DEFAULT 0 CHECK (debit_minor >= 0),
        credit_minor bigint NOT NULL DEFAULT 0 CHECK (credit_minor >= 0),
        currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        payout_id uuid,
        batch_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (effect_key, account),
        CHECK ((debit_minor = 0) <> (credit_minor = 0))
      )`);
    await q.query(
      `CREATE INDEX ledger_entries_org_idx ON ledger_entries (organization_id, account, created_at, id)`,
    );
    await q.query(`
      CREATE FUNCTION ledger_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ledger_entries is append-only (% refused)', TG_OP
          USING ERRCODE = 'restrict_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER ledger_entries_no_update_delete
        BEFORE UPDATE OR DELETE ON ledger_entries
        FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only()`);
    // TRUNCATE is left to the table owner (tests reset with it); the application role should not
    // hold that privilege in production.
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS ledger_entries`);
    await q.query(`DROP FUNCTION IF EXISTS ledger_entries_append_only()`);
    for (const t of [
      'payroll_batches',
      'money_idempotency_keys',
      'payout_approvals',
      'payouts',
      'bonus_policies',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
