import { Repository } from 'typeorm';
import { AppDataSource } from '../data-source';
import { Order } from '../entities/order';

const orders: Repository<Order> = AppDataSource.getRepository(Order);

export async function loadOrder(id: number) {
  return orders.findOneBy({ id });
}

export async function loadOrders(ids: number[]) {
  return orders.findBy(ids.map((id) => ({ id })));
}

export async function saveOrder(order: Order) {
  return orders.save(order);
}
