import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { Order } from './order.entity';

@Injectable()
export class OrdersService {
  constructor(@InjectRepository(Order) private readonly orders: Repository<Order>) {}

  async findOne(id: number) {
    return this.orders.findOneBy({ id });
  }

  async findMany(ids: number[]) {
    return this.orders.findBy({ id: In(ids) });
  }

  label(order: Order) {
    return `#${order.id} (${order.status})`;
  }
}

// An instance other modules import as it is, outside Nest's container.
export const ordersLookup = new OrdersService(undefined as unknown as Repository<Order>);
