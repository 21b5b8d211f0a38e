import {
  Body,
  Controller,
  Get,
  NotFoundException,
  OnModuleInit,
  Param,
  Post,
  Header,
} from '@nestjs/common';
import { existsSync, readFileSync } from 'fs';
import { readFile } from 'fs/promises';
import { join, basename } from 'path';
import { execFileSync } from 'child_process';

interface ReportData {
  title: string;
  rows: Array<Record<string, string | number>>;
}

@Controller('reports')
export class ReportsController implements OnModuleInit {
  private layout = '';
  private readonly root = join(process.cwd(), 'storage', 'reports');

  onModuleInit(): void {
    this.layout = readFileSync(join(this.root, 'layout.html'), 'utf8'); // ok: sync-io-in-handler
  }

  @Get(':id')
  findOne(@Param('id') id: string): ReportData {
    const file = join(this.root, `${basename(id)}.json`);
    if (!existsSync(file)) { // expect: sync-io-in-handler
      throw new NotFoundException(`report ${id} not found`);
    }
    return JSON.parse(readFileSync(file, 'utf8')); // expect: sync-io-in-handler
  }

  @Get(':id/html')
  @Header('Content-Type', 'text/html')
  async render(@Param('id') id: string): Promise<string> {
    const raw = await readFile(join(this.root, `${basename(id)}.json`), 'utf8'); // ok: sync-io-in-handler
    const report = JSON.parse(raw) as ReportData;
    return this.layout.replace('{{title}}', report.title).replace('{{count}}', String(report.rows.length));
  }

  @Post(':id/archive')
  archive(@Param('id') id: string, @Body() body: { label?: string }) {
    const target = join(this.root, 'archive', `${basename(id)}.tar.gz`);
    execFileSync('tar', ['-czf', target, '-C', this.root, `${basename(id)}.json`]); // expect: sync-io-in-handler
    return { archived: target, label: body.label ?? null };
  }
}
