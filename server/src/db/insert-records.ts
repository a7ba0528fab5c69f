import type { EntityManager } from "typeorm";

/** A column written by insertRecords: its name and its PostgreSQL type, as the records' JSON is read back. */
export type RecordColumn = readonly [name: string, type: string];

/**
 * Rows per statement by default: a file of a year's claims is still a handful of statements, and no one statement's
 * JSON parameter grows past a few megabytes.
 */
const ROWS_PER_STATEMENT = 5_000;

export interface InsertRecordsOptions {
  /** Appended to each statement, e.g. an ON CONFLICT clause for an upsert. */
  onConflict?: string;
}

/**
 * Inserts the practice's rows into `table` a few thousand at a time, each statement one JSON parameter read
 * through jsonb_to_recordset: a statement per row made a month's 835 cost seconds, and a parameter per value
 * would pass PostgreSQL's 65,535-parameter limit. Each record holds a value per column, keyed by column name;
 * readers order rows by their own columns (positions), never by insertion.
 */
export async function insertRecords(
  manager: EntityManager,
  table: string,
  practiceId: string,
  columns: readonly RecordColumn[],
  records: readonly Record<string, unknown>[],
  options: InsertRecordsOptions = {},
): Promise<void> {
  const names = columns.map(([name]) => name);
  const statement = `INSERT INTO ${table} (practice_id, ${names.join(", ")})
     SELECT $1, ${names.map((name) => `r.${name}`).join(", ")}
     FROM jsonb_to_recordset($2::jsonb) AS r(${columns.map(([name, type]) => `${name} ${type}`).join(", ")})
     ${options.onConflict ?? ""}`;
  for (let start = 0; start < records.length; start += ROWS_PER_STATEMENT) {
    await manager.query(statement, [practiceId, JSON.stringify(records.slice(start, start + ROWS_PER_STATEMENT))]);
  }
}
