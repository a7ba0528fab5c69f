import { randomUUID } from "node:crypto";
import { Column, DataSource, Entity, PrimaryColumn } from "typeorm";
import { insertEntities } from "../../../server/src/db/insert-records";
import { createScratchDatabase, type ScratchDatabase } from "../../support/scratch-database";

/** A table with every kind of column claim lines have: enum, char(n), text[], jsonb, timestamptz and a default. */
@Entity({ name: "sample_lines" })
class SampleLine {
  @PrimaryColumn("uuid", { name: "practice_id" }) practiceId!: string;
  @PrimaryColumn("uuid") id!: string;
  @Column({ type: "enum", enumName: "sample_kind", enum: ["COMMERCIAL", "MEDICAID"] }) kind!: "COMMERCIAL" | "MEDICAID";
  @Column("char", { name: "place_of_service", length: 2 }) placeOfService!: string;
  @Column("text", { array: true }) modifiers!: string[];
  @Column("jsonb", { nullable: true }) subscriber!: { firstName: string } | null;
  @Column("timestamptz", { name: "starts_at" }) startsAt!: Date;
  @Column("integer") position!: number;
  @Column("char", { name: "payer_sequence", length: 1 }) payerSequence!: "P" | "S";
}

let scratch: ScratchDatabase;
let dataSource: DataSource;
beforeAll(async () => {
  scratch = await createScratchDatabase("gb_insert_entities");
  await scratch.dataSource.query(`
    CREATE TYPE sample_kind AS ENUM ('COMMERCIAL', 'MEDICAID');
    CREATE TABLE sample_lines (
      practice_id uuid NOT NULL, id uuid NOT NULL, kind sample_kind NOT NULL, place_of_service char(2) NOT NULL,
      modifiers text[] NOT NULL, subscriber jsonb, starts_at timestamptz NOT NULL, position integer NOT NULL,
      payer_sequence char(1) NOT NULL DEFAULT 'P', PRIMARY KEY (practice_id, id))`);
  dataSource = new DataSource({ type: "postgres", url: scratch.url, entities: [SampleLine] });
  await dataSource.initialize();
});
afterAll(async () => {
  await dataSource?.destroy();
  await scratch?.drop();
});

const practiceId = randomUUID();

function line(position: number, overrides: Partial<SampleLine> = {}): Partial<SampleLine> {
  return {
    practiceId,
    id: randomUUID(),
    kind: position % 2 ? "MEDICAID" : "COMMERCIAL",
    placeOfService: "02",
    modifiers: position % 3 ? ["HQ", "95"] : [],
    subscriber: position % 2 ? { firstName: `Pat ${position}` } : null,
    startsAt: new Date(Date.UTC(2025, 0, 6, 14, position)),
    position,
    ...overrides,
  };
}

async function stored(): Promise<SampleLine[]> {
  return dataSource.getRepository(SampleLine).find({ order: { position: "ASC" } });
}

describe("insertEntities", () => {
  it("writes every value of thousands of rows as the entity declares it, more than one statement takes, and leaves unset columns to their defaults", async () => {
    const rows = Array.from({ length: 6_000 }, (_, i) => line(i));
    await insertEntities(dataSource.manager, SampleLine, practiceId, rows);
    const back = await stored();
    expect(back).toHaveLength(rows.length);
    for (const [i, row] of back.entries()) {
      expect(row).toEqual({ ...rows[i], payerSequence: "P" });
    }
    await dataSource.query("DELETE FROM sample_lines");
  });

  it("leaves nothing when a value does not fit its column, as a bound parameter would fail", async () => {
    const rows = [line(0), line(1, { placeOfService: "021" })];
    await expect(dataSource.transaction((m) => insertEntities(m, SampleLine, practiceId, rows))).rejects.toThrow(/too long/);
    await expect(dataSource.transaction((m) => insertEntities(m, SampleLine, practiceId, [line(0, { kind: "MEDICARE" as "MEDICAID" })]))).rejects.toThrow(/sample_kind/);
    expect(await stored()).toEqual([]);
  });

  it("refuses rows of another practice, and rows that set different columns, before writing anything", async () => {
    await expect(insertEntities(dataSource.manager, SampleLine, practiceId, [line(0), line(1, { practiceId: randomUUID() })])).rejects.toThrow(/another practice/);
    await expect(insertEntities(dataSource.manager, SampleLine, practiceId, [line(0), line(1, { payerSequence: "S" })])).rejects.toThrow(/first row leaves out/);
    await expect(insertEntities(dataSource.manager, SampleLine, practiceId, [line(0, { payerSequence: "S" }), line(1)])).rejects.toThrow(/some rows and not on others/);
    expect(await stored()).toEqual([]);
  });

  it("keeps a set value over the default, and does nothing for no rows", async () => {
    await insertEntities(dataSource.manager, SampleLine, practiceId, []);
    await insertEntities(dataSource.manager, SampleLine, practiceId, [line(0, { payerSequence: "S" })]);
    expect((await stored()).map((row) => row.payerSequence)).toEqual(["S"]);
  });
});
