import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A MULTI_FAMILY group kind: several families treated together, billed as multiple-family group
 * psychotherapy (90849), never 90853. Adding an enum value is allowed inside the migration's transaction
 * as long as this transaction does not use it.
 */
export class MultiFamilyGroups1764190850000 implements MigrationInterface {
  name = "MultiFamilyGroups1764190850000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TYPE group_kind ADD VALUE IF NOT EXISTS 'MULTI_FAMILY'`);
  }

  async down(): Promise<void> {
    // PostgreSQL cannot drop an enum value; groups of this kind would have to be changed first anyway.
  }
}
