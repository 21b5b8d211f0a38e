import { Repository } from 'typeorm';
import { ShopDataSource } from '@shop/data-source';
import { Customer } from '@shop/entities/customer';

const customers: Repository<Customer> = ShopDataSource.getRepository(Customer);

export async function customerById(id: number) {
  return customers.findOneBy({ id });
}

export async function customersByIds(ids: number[]) {
  return customers.findBy(ids.map((id) => ({ id })));
}
