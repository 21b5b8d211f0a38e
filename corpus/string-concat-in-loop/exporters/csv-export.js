'use strict';

const COLUMNS = ['id', 'email', 'plan', 'createdAt'];

function escapeCell(value) {
  const text = value == null ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function usersToCsv(users) {
  let csv = 'id,email,plan,created_at\n';
  for (const user of users) {
    csv += COLUMNS.map((c) => escapeCell(user[c])).join(',') + '\n'; // ok: string-concat-in-loop -- a rope the loop does not read: linear in V8, and not handler code
  }
  return csv;
}

function usersToCsvFast(users) {
  const lines = [COLUMNS.join(',')];
  for (const user of users) {
    lines.push(COLUMNS.map((c) => escapeCell(user[c])).join(',')); // ok: string-concat-in-loop
  }
  return lines.join('\n');
}

function invoiceTotals(invoices) {
  let total = 0;
  let paidCount = 0;
  for (const invoice of invoices) {
    total += invoice.amountCents; // ok: string-concat-in-loop
    if (invoice.paidAt) paidCount = paidCount + 1; // ok: string-concat-in-loop
  }
  return { total, paidCount };
}

function appendRows(buffer, rows) {
  for (const row of rows) {
    buffer += row.join(',') + '\n'; // ok: string-concat-in-loop
  }
  return buffer;
}

function ordersToTsv(orders) {
  let tsv = `order_id\tcustomer\ttotal\n`;
  for (let i = 0; i < orders.length; i++) {
    const o = orders[i];
    tsv = tsv + `${o.id}\t${escapeCell(o.customerName)}\t${(o.totalCents / 100).toFixed(2)}\n`; // ok: string-concat-in-loop -- a rope the loop does not read: linear in V8, and not handler code
  }
  return tsv;
}

module.exports = { usersToCsv, usersToCsvFast, invoiceTotals, appendRows, ordersToTsv };
