import { Controller, Get, Injectable, Scope, Inject, Req } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import type { Request } from 'express';
import { auditBus } from '../audit/audit-bus';

// One instance per request: listeners on `this` die with it.
@Injectable({ scope: Scope.REQUEST })
export class RequestTracker extends EventEmitter {
  readonly startedAt = Date.now();
}

@Controller({ path: 'reports', scope: Scope.REQUEST })
export class ReportsController {
  constructor(@Inject(RequestTracker) private readonly tracker: RequestTracker) {}

  @Get('slow')
  slow(@Req() req: Request) {
    this.on('done', () => console.log('done in', Date.now() - this.tracker.startedAt)); // ok: listener-in-handler
    req.on('aborted', () => this.emit('done')); // ok: listener-in-handler
    return { queued: true };
  }

  on(event: string, fn: () => void) {
    this.tracker.on(event, fn);
  }

  emit(event: string) {
    this.tracker.emit(event);
  }
}

@Controller('audit')
export class AuditController {
  // The imported bus is a module singleton: every request adds a listener.
  @Get('tail')
  tail(@Req() req: Request) {
    const lines: string[] = [];
    auditBus.prependListener('entry', (line: string) => lines.push(line)); // expect: listener-in-handler
    return new Promise((resolve) => setTimeout(() => resolve(lines), 5_000));
  }

  // The same, on a parameter of unknown origin: not flagged.
  @Get('tail-from')
  tailFrom(@Req() req: Request & { bus: EventEmitter }) {
    req.bus.on('entry', (line: string) => console.log(line)); // ok: listener-in-handler
    return { ok: true };
  }
}
