import sharp from 'sharp';
import { getPost } from '@/lib/posts';
import { saveToCdn } from '@/lib/cdn';

function card(title: string): Buffer {
  return Buffer.from(`<svg width="1200" height="630" xmlns="http://www.w3.org/2000/svg">
    <rect width="100%" height="100%" fill="#111"/>
    <text x="60" y="320" font-size="64" fill="#fff">${title}</text>
  </svg>`);
}

// Open Graph image: the PNG is the response.
export async function GET(request: Request) {
  const { searchParams } = new URL(request.url);
  const post = await getPost(searchParams.get('slug') ?? '');
  if (!post) {
    return new Response('not found', { status: 404 });
  }
  const png = await sharp(card(post.title)).png().toBuffer(); // ok: offload-to-queue
  return new Response(png, {
    headers: { 'Content-Type': 'image/png', 'Cache-Control': 'public, max-age=3600' },
  });
}

// Pre-renders the card when a post is published; the editor only gets a URL back.
export async function POST(request: Request) {
  const { slug } = await request.json();
  const post = await getPost(slug);
  const image = sharp(card(post!.title));
  const png = await image.png({ compressionLevel: 9 }).toBuffer(); // expect: offload-to-queue
  const url = await saveToCdn(`og/${slug}.png`, png);
  return Response.json({ url });
}

export async function HEAD(request: Request) {
  const { searchParams } = new URL(request.url);
  const post = await getPost(searchParams.get('slug') ?? '');
  const { info } = await sharp(card(post?.title ?? '')).png().toBuffer({ resolveWithObject: true }); // expect: offload-to-queue
  return new Response(null, { headers: { 'Content-Length': String(info.size) } });
}
