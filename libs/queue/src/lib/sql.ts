/** What both a DataSource and a transaction's EntityManager offer for raw SQL. */
export interface Queryable {
  query<T = unknown>(sql: string, parameters?: unknown[]): Promise<T>;
}

/**
 * TypeORM's postgres driver answers UPDATE/DELETE with `[rows, rowCount]` and everything else with
 * the rows alone; this hides the difference.
 */
export async function execUpdate<T = never>(
  q: Queryable,
  sql: string,
  parameters: unknown[],
): Promise<{ rows: T[]; count: number }> {
  const result = await q.query<[T[], number] | T[]>(sql, parameters);
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return { rows: result[0], count: result[1] };
  }
  const rows = result as T[];
  return { rows, count: rows.length };
}
