import { Controller, Get, OnModuleInit, Param } from '@nestjs/common';
import { ReportsService } from './reports.service';
import { AuditService } from '../audit/audit.service';

@Controller('reports')
export class ReportsController implements OnModuleInit {
  constructor(
    private readonly reports: ReportsService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.reports.warmUp();
  }

  @Get(':id')
  summary(@Param('id') id: string): string {
    this.audit.record(id);
    return this.reports.renderSummary(id);
  }
}
