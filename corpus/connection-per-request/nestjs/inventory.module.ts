// NestJS providers are built once at boot: clients created in constructors, lifecycle hooks and
// `useFactory` providers are shared by every request.
import { Inject, Injectable, Module, OnModuleInit, OnModuleDestroy } from '@nestjs/common';
import { Pool } from 'pg';
import Redis from 'ioredis';
import { createClient } from 'redis';

export const PG_POOL = Symbol('PG_POOL');
export const PUBSUB = Symbol('PUBSUB');

@Injectable()
export class InventoryCache implements OnModuleInit, OnModuleDestroy {
  private readonly redis: Redis;
  private pool!: Pool;

  constructor() {
    this.redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379'); // ok: connection-per-request
  }

  async onModuleInit(): Promise<void> {
    this.pool = new Pool({ connectionString: process.env.DATABASE_URL }); // ok: connection-per-request
    await this.pool.query('select 1');
  }

  async onModuleDestroy(): Promise<void> {
    await this.redis.quit();
    await this.pool.end();
  }

  async onHand(sku: string): Promise<number> {
    const cached = await this.redis.get(`stock:${sku}`);
    if (cached !== null) return Number(cached);
    const { rows } = await this.pool.query('select on_hand from stock where sku = $1', [sku]);
    const value = rows[0]?.on_hand ?? 0;
    await this.redis.set(`stock:${sku}`, String(value), 'EX', 30);
    return value;
  }
}

@Module({
  providers: [
    InventoryCache,
    {
      provide: PG_POOL,
      useFactory: () => new Pool({ connectionString: process.env.DATABASE_URL, max: 10 }), // ok: connection-per-request
    },
    {
      provide: PUBSUB,
      useFactory: async () => {
        const client = createClient({ url: process.env.REDIS_URL }); // ok: connection-per-request
        await client.connect();
        return client;
      },
    },
  ],
  exports: [InventoryCache, PG_POOL, PUBSUB],
})
export class InventoryModule {}

@Injectable()
export class StockRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async reserve(sku: string, quantity: number): Promise<void> {
    const client = await this.pool.connect(); // ok: connection-per-request
    try {
      await client.query('update stock set reserved = reserved + $1 where sku = $2', [quantity, sku]);
    } finally {
      client.release();
    }
  }
}
