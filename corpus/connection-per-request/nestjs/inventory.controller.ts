// Controller methods with route decorators run once per request.
import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { MongoClient } from 'mongodb';
import Redis from 'ioredis';
import { InventoryCache, StockRepository } from './inventory.module';

interface ReserveBody {
  quantity: number;
}

@Controller('inventory')
export class InventoryController {
  constructor(
    private readonly cache: InventoryCache,
    private readonly stock: StockRepository,
  ) {}

  @Get(':sku')
  async onHand(@Param('sku') sku: string) {
    return { sku, onHand: await this.cache.onHand(sku) }; // ok: connection-per-request
  }

  @Post(':sku/reserve')
  async reserve(@Param('sku') sku: string, @Body() body: ReserveBody) {
    await this.stock.reserve(sku, body.quantity);
    return { reserved: body.quantity };
  }

  @Get(':sku/history')
  async history(@Param('sku') sku: string) {
    const client = new MongoClient(process.env.MONGO_URL ?? 'mongodb://localhost:27017'); // expect: connection-per-request
    try {
      await client.connect();
      return await client.db('inventory').collection('movements').find({ sku }).limit(50).toArray();
    } finally {
      await client.close();
    }
  }

  @Post(':sku/invalidate')
  async invalidate(@Param('sku') sku: string) {
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379'); // expect: connection-per-request
    await redis.del(`stock:${sku}`);
    await redis.quit();
    return { invalidated: sku };
  }
}
