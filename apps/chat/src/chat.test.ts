import { mpsc } from '@mini-redis/channels';
import { createServer, type Server } from '@mini-redis/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runChat } from './chat.js';

let server: Server;
let address: string;

beforeAll(async () => {
  server = createServer({ port: 0 });
  address = `127.0.0.1:${(await server.listen()).port}`;
});

afterAll(async () => {
  await server.close();
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++)
    await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('runChat', () => {
  it('lets two scripted participants talk in a room', async () => {
    const adaSaw: string[] = [];
    const bobSaw: string[] = [];
    const [adaTypes, adaInput] = mpsc.channel<string>(8);
    const [bobTypes, bobInput] = mpsc.channel<string>(8);
    let adaReady = false;
    const ada = runChat({
      address,
      room: 'lobby',
      name: 'ada',
      input: adaInput,
      print: (l) => adaSaw.push(l),
      onReady: () => (adaReady = true),
    });
    await until(() => adaReady);
    let bobReady = false;
    const bob = runChat({
      address,
      room: 'lobby',
      name: 'bob',
      input: bobInput,
      print: (l) => bobSaw.push(l),
      onReady: () => (bobReady = true),
    });
    await until(() => bobReady);
    await until(() => adaSaw.includes('[bob] joined'));
    await adaTypes.send('hello bob');
    await until(() => bobSaw.includes('[ada] hello bob'));
    await bobTypes.send('hi ada');
    await until(() => adaSaw.includes('[bob] hi ada'));
    await bobTypes.send('/quit');
    await bob;
    await until(() => adaSaw.includes('[bob] left'));
    adaTypes.close();
    await ada;
    expect(adaSaw).toEqual(['[bob] joined', '[bob] hi ada', '[bob] left']);
    expect(bobSaw).toEqual(['[ada] hello bob']);
  });

  it('fails with the connection error when nothing listens, instead of waiting for ever', async () => {
    const [, input] = mpsc.channel<string>(1);
    await expect(
      runChat({
        address: '127.0.0.1:1',
        room: 'nowhere',
        name: 'eve',
        input,
        print: () => {},
        reconnect: { initialDelay: 1, maxDelay: 5, maxAttempts: 3 },
      }),
    ).rejects.toMatchObject({
      code: 'ERR_NOT_CONNECTED',
      message: 'Could not connect to 127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1',
    });
  });

  it('ends on shutdown, even while waiting', async () => {
    const [, input] = mpsc.channel<string>(1);
    const controller = new AbortController();
    let ready = false;
    const chat = runChat({
      address,
      room: 'quiet',
      name: 'eve',
      input,
      print: () => {},
      signal: controller.signal,
      onReady: () => (ready = true),
    });
    await until(() => ready);
    controller.abort();
    await chat;
    expect(ready).toBe(true);
  });
});
