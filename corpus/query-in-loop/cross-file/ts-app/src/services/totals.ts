// Imports the invoices service back (a circular import): nothing here queries.
import { sumOf } from './invoices';

export function totals(amounts: number[]): number {
  return amounts.reduce((a, b) => a + b, 0);
}

export function grandTotal(groups: number[][]): number {
  return groups.map((g) => sumOf(g)).reduce((a, b) => a + b, 0); // ok: query-in-loop
}
