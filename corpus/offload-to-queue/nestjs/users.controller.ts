import { Body, Controller, Get, Param, Post, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { Response } from 'express';
import * as nodemailer from 'nodemailer';
import sharp from 'sharp';
import { chromium } from 'playwright';
import { UsersService } from './users.service';
import { CreateUserDto } from './dto/create-user.dto';

const mailer = nodemailer.createTransport(process.env.SMTP_URL);
const browser = chromium.launch();

@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    @InjectQueue('mail') private readonly mailQueue: Queue,
  ) {}

  @Post()
  async create(@Body() dto: CreateUserDto) {
    const user = await this.users.create(dto);
    await mailer.sendMail({ to: user.email, subject: 'Confirm your address', text: this.users.confirmText(user) }); // expect: offload-to-queue
    return user;
  }

  @Post('invite')
  async invite(@Body() dto: CreateUserDto) {
    const user = await this.users.invite(dto);
    await this.mailQueue.add('invite', { userId: user.id }); // ok: offload-to-queue
    return user;
  }

  @Post(':id/avatar')
  @UseInterceptors(FileInterceptor('file'))
  async uploadAvatar(@Param('id') id: string, @UploadedFile() file: Express.Multer.File) {
    const path = `/srv/avatars/${id}.png`;
    await sharp(file.buffer).resize(256, 256).png().toFile(path); // expect: offload-to-queue
    return this.users.setAvatar(id, path);
  }

  @Get(':id/avatar')
  async avatar(@Param('id') id: string, @Res() res: Response) {
    const user = await this.users.findOne(id);
    const png = await sharp(user.avatarBlob).resize(128).png().toBuffer(); // ok: offload-to-queue
    res.set('Content-Type', 'image/png').send(png);
  }

  @Get(':id/card.pdf')
  async card(@Param('id') id: string) {
    const page = await (await browser).newPage();
    await page.setContent(await this.users.cardHtml(id));
    const pdf = await page.pdf({ width: '85mm', height: '55mm' }); // ok: offload-to-queue
    await page.close();
    return new StreamableFile(pdf, { type: 'application/pdf' });
  }

  @Post(':id/card/email')
  async emailCard(@Param('id') id: string) {
    const page = await (await browser).newPage();
    await page.setContent(await this.users.cardHtml(id));
    const pdf = await page.pdf({ width: '85mm', height: '55mm' }); // expect: offload-to-queue
    await page.close();
    const user = await this.users.findOne(id);
    await mailer.sendMail({ to: user.email, subject: 'Your card', attachments: [{ filename: 'card.pdf', content: pdf }] }); // expect: offload-to-queue
    return { sent: true };
  }
}
