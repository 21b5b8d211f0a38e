import React from 'react';

export interface ReceiptItem {
  name: string;
  quantity: number;
  priceCents: number;
}

export interface Order {
  id: number;
  customer: string;
  items: ReceiptItem[];
  notes: string[];
}

function formatMoney(cents: number): string {
  return `$${(cents / 100).toFixed(2)}`;
}

export function receiptPlainText(order: Order): string {
  let text = `Receipt for order #${order.id}\n`;
  let subtotal = 0;
  order.items.forEach((item) => {
    text += `${item.quantity} x ${item.name}  ${formatMoney(item.quantity * item.priceCents)}\n`; // ok: string-concat-in-loop -- a rope the loop does not read: linear in V8, and not handler code
    subtotal += item.quantity * item.priceCents; // ok: string-concat-in-loop
  });
  return `${text}Subtotal: ${formatMoney(subtotal)}\n`;
}

export function deliveryInstructions(order: Order, extra: string[]): string {
  let instructions = order.notes.join('; ');
  for (const line of extra) {
    instructions += `; ${line}`; // ok: string-concat-in-loop -- a rope the loop does not read: linear in V8, and not handler code
  }
  return instructions;
}

export function ReceiptSummary({ order }: { order: Order }) {
  let title = 'Receipt';
  title += ` #${order.id}`; // ok: string-concat-in-loop
  const total = order.items.reduce((sum, item) => sum + item.quantity * item.priceCents, 0);

  return (
    <section className="receipt">
      <h2>{title}</h2>
      <p>Customer: {order.customer}</p>
      <ul>
        {order.items.map((item) => (
          <li key={item.name}>
            {item.quantity} × {item.name} — {formatMoney(item.quantity * item.priceCents)}
          </li>
        ))}
      </ul>
      <p className="receipt-total">Total: {formatMoney(total)}</p>
    </section>
  );
}
