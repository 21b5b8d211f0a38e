import { DataSource } from 'typeorm';
import { Order } from './entities/order';

export const AppDataSource = new DataSource({ type: 'postgres', entities: [Order] });
