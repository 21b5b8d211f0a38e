import type { NextApiRequest, NextApiResponse } from 'next';
import { priceFeed } from '../../lib/price-feed';

type Tick = { symbol: string; price: number; at: number };

export const config = { api: { responseLimit: false } };

function wanted(req: NextApiRequest): Set<string> {
  const symbols = String(req.query.symbols ?? '');
  return new Set(symbols.split(',').filter(Boolean));
}

// Streams ticks to the page. The feed is a module singleton shared by every request.
export default function handler(req: NextApiRequest, res: NextApiResponse) {
  const symbols = wanted(req);
  res.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache, no-transform',
  });

  // Leaks: a closed tab leaves its listener (and its `res`) on the feed.
  priceFeed.on('tick', (tick: Tick) => { // expect: listener-in-handler
    if (symbols.has(tick.symbol)) res.write(`data: ${JSON.stringify(tick)}\n\n`);
  });

  // The request's own events are fine.
  req.on('close', () => res.end()); // ok: listener-in-handler

  // Keeps the server alive for this request: also added to the process each time.
  process.on('SIGTERM', () => res.end('event: bye\n\n')); // expect: listener-in-handler
}
