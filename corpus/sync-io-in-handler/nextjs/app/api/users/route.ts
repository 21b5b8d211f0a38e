import { NextResponse } from 'next/server';
import fs from 'node:fs';
import path from 'node:path';
import { pbkdf2Sync, randomBytes, randomUUID } from 'node:crypto';

type StoredUser = { id: string; email: string; salt: string; hash: string };

const USERS_FILE = path.join(process.cwd(), 'data', 'users.json');

function readUsers(): StoredUser[] {
  return JSON.parse(fs.readFileSync(USERS_FILE, 'utf8')); // expect: sync-io-in-handler
}

async function readUsersAsync(): Promise<StoredUser[]> {
  return JSON.parse(await fs.promises.readFile(USERS_FILE, 'utf8')); // ok: sync-io-in-handler
}

export async function GET() {
  const users = await readUsersAsync();
  return NextResponse.json(users.map(({ id, email }) => ({ id, email })));
}

export async function POST(request: Request) {
  const { email, password } = (await request.json()) as { email: string; password: string };
  const users = readUsers();
  if (users.some((u) => u.email === email)) {
    return NextResponse.json({ error: 'email already registered' }, { status: 409 });
  }

  const salt = randomBytes(16).toString('hex');
  const hash = pbkdf2Sync(password, salt, 210000, 64, 'sha512').toString('hex'); // expect: sync-io-in-handler
  const user = { id: randomUUID(), email, salt, hash };

  fs.writeFileSync(USERS_FILE, JSON.stringify([...users, user], null, 2)); // expect: sync-io-in-handler
  return NextResponse.json({ id: user.id, email }, { status: 201 });
}
