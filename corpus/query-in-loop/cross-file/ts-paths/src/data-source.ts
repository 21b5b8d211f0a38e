import { DataSource } from 'typeorm';
import { Customer } from '@shop/entities/customer';

export const ShopDataSource = new DataSource({ type: 'postgres', entities: [Customer] });
