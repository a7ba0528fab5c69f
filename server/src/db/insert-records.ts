import type { EntityManager, EntityTarget } from "typeorm";
import type { ColumnMetadata } from "typeorm/metadata/ColumnMetadata.js";

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

/**
 * insertRecords for rows of an entity, with the columns and types its TypeORM metadata declares, so a column added to
 * the entity needs no second list. TypeORM's own insert binds a parameter per value and builds each row through the
 * entity's metadata: a month's claim lines took seconds that way. Every row must set the same columns; a column no
 * row sets keeps its default.
 */
export async function insertEntities<T extends { practiceId: string }>(
  manager: EntityManager,
  target: EntityTarget<T>,
  practiceId: string,
  rows: readonly Partial<T>[],
): Promise<void> {
  if (rows.length === 0) return;
  const metadata = manager.connection.getMetadata(target);
  const others = metadata.columns.filter((column) => column.propertyName !== "practiceId");
  const columns = others.filter((column) => column.getEntityValue(rows[0]) !== undefined);
  const records = rows.map((row) => {
    if (row.practiceId !== practiceId) throw new Error(`A ${metadata.tableName} row of another practice cannot go in this insert`);
    const record: Record<string, unknown> = {};
    for (const column of columns) {
      const value: unknown = column.getEntityValue(row, true);
      if (value === undefined) throw new Error(`${metadata.tableName}.${column.databaseName} is set on some rows and not on others`);
      record[column.databaseName] = value;
    }
    if (others.some((column) => column.getEntityValue(row) !== undefined && !(column.databaseName in record))) {
      throw new Error(`A ${metadata.tableName} row sets a column the first row leaves out`);
    }
    return record;
  });
  await insertRecords(manager, metadata.tableName, practiceId, columns.map((column) => [column.databaseName, recordTypeOf(column)]), records);
}

/** How jsonb_to_recordset reads a column's value; the INSERT's assignment then checks it against the column (char lengths, enums). */
function recordTypeOf(column: ColumnMetadata): string {
  let type: string;
  if (column.type === "enum") {
    if (!column.enumName) throw new Error(`${column.entityMetadata.tableName}.${column.databaseName} needs an enumName to be inserted as records`);
    type = column.enumName;
  } else if (typeof column.type === "string") {
    // char(n) as text: the assignment to the column pads or rejects exactly as a bound parameter would be.
    type = column.type === "char" ? "text" : column.type;
  } else {
    throw new Error(`${column.entityMetadata.tableName}.${column.databaseName} has a type insertEntities does not know`);
  }
  return column.isArray ? `${type}[]` : type;
}
