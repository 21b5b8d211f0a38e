import { NextResponse } from 'next/server';
import sgMail from '@sendgrid/mail';
import PDFDocument from 'pdfkit';
import { createWriteStream } from 'node:fs';
import { z } from 'zod';

sgMail.setApiKey(process.env.SENDGRID_API_KEY!);

const ContactForm = z.object({
  name: z.string().min(1),
  email: z.string().email(),
  message: z.string().min(10).max(5000),
});

export async function POST(request: Request) {
  const parsed = ContactForm.safeParse(await request.json());
  if (!parsed.success) {
    return NextResponse.json({ errors: parsed.error.flatten() }, { status: 400 });
  }
  const { name, email, message } = parsed.data;
  await sgMail.send({ // expect: offload-to-queue
    to: 'support@example.com',
    from: 'contact-form@example.com',
    replyTo: email,
    subject: `Contact form: ${name}`,
    text: message,
  });
  return NextResponse.json({ ok: true }, { status: 201 });
}

// Writes a transcript to disk for the support team; the caller only gets an id.
export async function PUT(request: Request) {
  const { ticketId, lines } = await request.json();
  const doc = new PDFDocument(); // expect: offload-to-queue
  doc.pipe(createWriteStream(`/srv/transcripts/${ticketId}.pdf`));
  for (const line of lines) {
    doc.text(line);
  }
  doc.end();
  return NextResponse.json({ ticketId });
}
