import { notifier, type Notification } from '@/lib/notifier';

export const dynamic = 'force-dynamic';

const encoder = new TextEncoder();

// Fixed: the listener goes when the request's signal aborts.
export async function GET(request: Request) {
  const userId = new URL(request.url).searchParams.get('user');
  const stream = new ReadableStream({
    start(controller) {
      const send = (n: Notification) => {
        if (n.userId === userId) controller.enqueue(encoder.encode(`data: ${JSON.stringify(n)}\n\n`));
      };
      notifier.on('notification', send); // ok: listener-in-handler
      request.signal.addEventListener('abort', () => { // ok: listener-in-handler
        notifier.off('notification', send);
        controller.close();
      });
    },
  });
  return new Response(stream, { headers: { 'Content-Type': 'text/event-stream' } });
}

// Waits for the acknowledgement of one notification, but never removes the listener.
export async function POST(request: Request) {
  const { id } = (await request.json()) as { id: string };
  const acked = await new Promise<boolean>((resolve) => {
    notifier.on('ack', (ackId: string) => { // expect: listener-in-handler
      if (ackId === id) resolve(true);
    });
    setTimeout(() => resolve(false), 10_000);
  });
  return Response.json({ id, acked });
}

// `{ signal }` removes the listener when the request ends.
export async function PUT(request: Request) {
  const { id } = (await request.json()) as { id: string };
  const acked = await new Promise<boolean>((resolve) => {
    notifier.addEventListener('ack', (e: Event) => resolve((e as CustomEvent).detail === id), { // ok: listener-in-handler
      signal: request.signal,
    });
  });
  return Response.json({ id, acked });
}
