import { Injectable } from '@nestjs/common';
import { appendFileSync, readFileSync } from 'fs';

@Injectable()
export class AuditService {
  record(id: string): void {
    appendFileSync('audit.log', `${id}\n`); // expect: sync-io-in-handler
  }

  // The same name as ReportsService's method; the controller calls the other one.
  renderSummary(id: string): string {
    return readFileSync(`audit-${id}.txt`, 'utf8'); // expect: read-file-sync ok: sync-io-in-handler
  }
}
