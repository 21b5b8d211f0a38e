"""Thumbnail regeneration service: asyncio TaskGroup based fan-out (Python 3.11)."""
import asyncio

import httpx

WORKERS = 8
RESIZER_URL = "http://resizer.internal:9000/resize"

resizer = httpx.AsyncClient(timeout=30.0)


async def regenerate(image_id: str, sizes: tuple[int, ...] = (128, 512)) -> None:
    resp = await resizer.post(RESIZER_URL, json={"image_id": image_id, "sizes": list(sizes)})
    resp.raise_for_status()


async def regenerate_album(image_ids: list[str]) -> None:
    async with asyncio.TaskGroup() as tg:
        for image_id in image_ids:
            tg.create_task(regenerate(image_id))  # expect: unbounded-concurrency


async def regenerate_with_progress(image_ids: list[str]) -> int:
    done = 0
    for finished in asyncio.as_completed([regenerate(image_id) for image_id in image_ids]):  # expect: unbounded-concurrency
        await finished
        done += 1
    return done


async def schedule_nightly(image_ids: list[str]) -> None:
    loop = asyncio.get_running_loop()
    for image_id in image_ids:
        loop.create_task(regenerate(image_id, sizes=(64, 128, 256, 512)))  # expect: unbounded-concurrency


async def _worker(queue: asyncio.Queue) -> None:
    while True:
        image_id = await queue.get()
        if image_id is None:
            queue.task_done()
            return
        try:
            await regenerate(image_id)
        finally:
            queue.task_done()


async def regenerate_library(image_ids: list[str]) -> None:
    queue: asyncio.Queue = asyncio.Queue(maxsize=WORKERS * 2)
    async with asyncio.TaskGroup() as tg:
        for _ in range(WORKERS):
            tg.create_task(_worker(queue))  # ok: unbounded-concurrency
        for image_id in image_ids:
            await queue.put(image_id)
        for _ in range(WORKERS):
            await queue.put(None)


async def regenerate_detached(image_ids: list[str]) -> None:
    queue: asyncio.Queue = asyncio.Queue(maxsize=100)
    workers = [asyncio.create_task(_worker(queue)) for _ in range(WORKERS)]
    for image_id in image_ids:
        await queue.put(image_id)
    for _ in range(WORKERS):
        await queue.put(None)
    await asyncio.gather(*workers)  # ok: unbounded-concurrency
