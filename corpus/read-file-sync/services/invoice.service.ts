import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { appendFileSync, existsSync, mkdirSync, readFileSync, promises as fsp } from 'fs';
import { join } from 'path';

export interface InvoiceLine {
  sku: string;
  quantity: number;
  unitPrice: number;
}

@Injectable()
export class InvoiceService implements OnModuleInit {
  private readonly logger = new Logger(InvoiceService.name);
  private readonly storageDir = join(process.cwd(), 'storage', 'invoices');
  private readonly auditLog = join(process.cwd(), 'storage', 'audit.log');
  private readonly taxRates: Record<string, number>;
  private footer = '';

  constructor() {
    this.taxRates = JSON.parse(readFileSync(join(process.cwd(), 'config', 'tax-rates.json'), 'utf8')); // ok: read-file-sync
  }

  onModuleInit(): void {
    if (!existsSync(this.storageDir)) { // ok: read-file-sync
      mkdirSync(this.storageDir, { recursive: true }); // ok: read-file-sync
    }
    this.footer = readFileSync(join(process.cwd(), 'config', 'invoice-footer.txt'), 'utf8'); // ok: read-file-sync
  }

  total(lines: InvoiceLine[], country: string): number {
    const net = lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0);
    return Math.round(net * (1 + (this.taxRates[country] ?? 0)) * 100) / 100;
  }

  loadInvoice(id: string): { id: string; lines: InvoiceLine[]; country: string } {
    const raw = readFileSync(join(this.storageDir, `${id}.json`), 'utf8'); // expect: read-file-sync
    return JSON.parse(raw);
  }

  async loadInvoiceAsync(id: string): Promise<{ id: string; lines: InvoiceLine[]; country: string }> {
    const raw = await fsp.readFile(join(this.storageDir, `${id}.json`), 'utf8'); // ok: read-file-sync
    return JSON.parse(raw);
  }

  markPaid(id: string, paidBy: string): void {
    appendFileSync(this.auditLog, `${new Date().toISOString()} invoice=${id} paid_by=${paidBy}\n`); // expect: read-file-sync
    this.logger.log(`invoice ${id} marked paid`);
  }

  renderText(id: string): string {
    const invoice = this.loadInvoice(id);
    const amount = this.total(invoice.lines, invoice.country).toFixed(2);
    return [`Invoice ${invoice.id}`, `Total: ${amount}`, this.footer].join('\n');
  }
}
