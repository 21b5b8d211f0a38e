import { Body, Controller, Post } from '@nestjs/common';
import { OrdersService, ordersLookup } from './orders.service';
import { LabelsService } from './labels.service';

@Controller('orders')
export class OrdersController {
  constructor(
    private readonly ordersService: OrdersService,
    private readonly labels: LabelsService,
  ) {}

  @Post('statuses')
  async statuses(@Body() body: { ids: number[] }) {
    const result: string[] = [];
    for (const id of body.ids) {
      const order = await this.ordersService.findOne(id); // expect: query-in-loop
      result.push(order ? order.status : 'missing');
    }
    return result;
  }

  @Post('labels')
  async labelsOf(@Body() body: { ids: number[] }) {
    // The same method name on another injected service, which runs no query.
    const labels: string[] = [];
    for (const id of body.ids) {
      labels.push(await this.labels.findOne(id)); // ok: query-in-loop
    }
    return labels;
  }

  @Post('batch')
  async batch(@Body() body: { ids: number[] }) {
    const orders = await this.ordersService.findMany(body.ids); // ok: query-in-loop
    return orders.map((order) => this.ordersService.label(order)); // ok: query-in-loop
  }

  @Post('lookup')
  async lookup(@Body() body: { ids: number[] }) {
    const found = [];
    for (const id of body.ids) {
      found.push(await ordersLookup.findOne(id)); // expect: query-in-loop
    }
    return found;
  }
}
