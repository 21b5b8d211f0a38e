import { Controller, Get, MessageEvent, OnModuleInit, Param, Post, Sse } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectRedis } from '@nestjs-modules/ioredis';
import type Redis from 'ioredis';
import { fromEvent, Observable } from 'rxjs';
import { filter, map } from 'rxjs/operators';

interface OrderEvent {
  id: string;
  status: string;
}

@Controller('orders')
export class OrdersController implements OnModuleInit {
  constructor(
    private readonly events: EventEmitter2,
    @InjectRedis() private readonly redis: Redis,
  ) {
    this.events.on('order.*', (e: OrderEvent) => this.audit(e)); // ok: listener-in-handler
  }

  onModuleInit() {
    this.redis.on('error', (err) => console.error('redis', err)); // ok: listener-in-handler
  }

  // Long poll: resolves on the next status change, but the listener stays on the singleton emitter.
  @Get(':id/status/next')
  nextStatus(@Param('id') id: string): Promise<OrderEvent> {
    return new Promise((resolve) => {
      this.events.on(`order.${id}.status`, (e: OrderEvent) => resolve(e)); // expect: listener-in-handler
    });
  }

  // Fixed: `once` removes the listener after the first event.
  @Get(':id/status/once')
  nextStatusOnce(@Param('id') id: string): Promise<OrderEvent> {
    return new Promise((resolve) => {
      this.events.once(`order.${id}.status`, (e: OrderEvent) => resolve(e)); // ok: listener-in-handler
    });
  }

  // Fixed: removed in `finally`, whatever happens.
  @Get(':id/status/wait')
  async waitForStatus(@Param('id') id: string): Promise<OrderEvent | null> {
    let onStatus: (e: OrderEvent) => void = () => {};
    const next = new Promise<OrderEvent>((resolve) => {
      onStatus = resolve;
    });
    this.events.on(`order.${id}.status`, onStatus); // ok: listener-in-handler
    try {
      return await Promise.race([next, new Promise<null>((r) => setTimeout(() => r(null), 30_000))]);
    } finally {
      this.events.off(`order.${id}.status`, onStatus);
    }
  }

  // RxJS removes the listener when the client unsubscribes.
  @Sse('stream')
  stream(): Observable<MessageEvent> {
    return fromEvent<OrderEvent>(this.events, 'order.status').pipe( // ok: listener-in-handler
      filter((e) => e.status !== 'draft'),
      map((e) => ({ data: e })),
    );
  }

  // The teardown returned to the Observable removes the listener when the client disconnects.
  @Sse(':id/changes')
  changes(@Param('id') id: string): Observable<MessageEvent> {
    return new Observable<MessageEvent>((subscriber) => {
      const onStatus = (e: OrderEvent) => subscriber.next({ data: e });
      this.events.on(`order.${id}.status`, onStatus); // ok: listener-in-handler
      return () => this.events.off(`order.${id}.status`, onStatus);
    });
  }

  @Post(':id/cancel')
  async cancel(@Param('id') id: string) {
    this.watchRedisErrors(id);
    await this.redis.publish('orders.cancel', id);
    return { id, status: 'cancelling' };
  }

  // Called per request from `cancel`: adds an error listener to the shared Redis client each time.
  private watchRedisErrors(id: string) {
    this.redis.on('error', (err) => console.error('cancel %s failed', id, err)); // expect: listener-in-handler
  }

  private audit(e: OrderEvent) {
    console.log('order event', e.id, e.status);
  }
}
