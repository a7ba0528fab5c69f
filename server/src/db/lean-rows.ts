import type { DataSource, EntityTarget, ObjectLiteral } from "typeorm";

/**
 * Reads rows straight into plain objects shaped like their TypeORM entity (same property names, dates as
 * YYYY-MM-DD text like TypeORM's "date" columns), without the query builder or entity hydration, which cost a
 * hot read (the sessions page) more than its SQL. Only for entities whose columns node-pg already returns in the
 * entity's types: a column with a transformer is refused rather than read differently.
 */
export class LeanColumns {
  private readonly cache = new Map<EntityTarget<ObjectLiteral>, { column: string; property: string }[]>();
  /** Each property's key in a row read with a prefix, by entity and prefix: made once, not per row and property. */
  private readonly rowKeys = new Map<EntityTarget<ObjectLiteral>, Map<string, { key: string; property: string }[]>>();

  constructor(private readonly dataSource: DataSource) {}

  private columnsOf(entity: EntityTarget<ObjectLiteral>): { column: string; property: string }[] {
    let columns = this.cache.get(entity);
    if (!columns) {
      columns = this.dataSource.getMetadata(entity).columns.map((c) => {
        if (c.transformer) throw new Error(`${c.entityMetadata.name}.${c.propertyName} has a transformer: read it through TypeORM`);
        const cast = c.type === "date" ? "::text" : "";
        return { column: `${c.databaseName}${cast}`, property: c.propertyName };
      });
      this.cache.set(entity, columns);
    }
    return columns;
  }

  /** The select list for `entity` read as `alias`, each property named `prefix` + its name. */
  select(entity: EntityTarget<ObjectLiteral>, alias: string, prefix = ""): string {
    return this.columnsOf(entity)
      .map(({ column, property }) => `${alias}.${column} AS "${prefix}${property}"`)
      .join(", ");
  }

  /** The entity's properties out of a row read with `select(entity, alias, prefix)`. */
  pick<E extends ObjectLiteral>(entity: EntityTarget<E>, row: Record<string, unknown>, prefix = ""): E {
    const out: Record<string, unknown> = {};
    // EntityTarget<E> is not assignable to EntityTarget<ObjectLiteral> (its class form is invariant), though the
    // metadata lookup reads nothing of E.
    for (const { key, property } of this.keysOf(entity as EntityTarget<ObjectLiteral>, prefix)) out[property] = row[key];
    // Every column of E's metadata was copied, under the property names TypeORM would give it.
    return out as E;
  }

  /**
   * Rows read with `select(entity, alias)` and no other column are already the entity's shape: handed back as they
   * are, without a copy per row (a sessions page reads 550 attendance rows). The first row's columns are checked, so
   * a statement that selects anything more is refused rather than passed off as the entity.
   */
  entities<E extends ObjectLiteral>(entity: EntityTarget<E>, rows: Record<string, unknown>[]): E[] {
    if (rows.length > 0) {
      const columns = this.columnsOf(entity as EntityTarget<ObjectLiteral>);
      const keys = Object.keys(rows[0]);
      if (keys.length !== columns.length || columns.some(({ property }, i) => keys[i] !== property)) {
        throw new Error(`rows of ${keys.join(", ")} are not read with select(${this.dataSource.getMetadata(entity).name}) alone`);
      }
    }
    // Checked above: exactly E's properties, in E's column order, as select() names them.
    return rows as E[];
  }

  private keysOf(entity: EntityTarget<ObjectLiteral>, prefix: string): { key: string; property: string }[] {
    let byPrefix = this.rowKeys.get(entity);
    if (!byPrefix) this.rowKeys.set(entity, (byPrefix = new Map()));
    let keys = byPrefix.get(prefix);
    // Joined once: a key built per row was a new string to hash for every value of every row (a page's 550 rows).
    if (!keys) byPrefix.set(prefix, (keys = this.columnsOf(entity).map(({ property }) => ({ key: prefix + property, property }))));
    return keys;
  }
}
