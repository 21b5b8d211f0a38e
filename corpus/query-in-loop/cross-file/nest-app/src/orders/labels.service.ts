import { Injectable } from '@nestjs/common';

// A method of the same name as OrdersService's, which runs no query.
@Injectable()
export class LabelsService {
  async findOne(id: number) {
    return `order-${id}`;
  }
}
