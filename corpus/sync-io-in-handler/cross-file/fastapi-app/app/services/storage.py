"""Storage helpers, imported as a module (`import app.services.storage as storage`)."""

import subprocess


def compress(path: str) -> None:
    # Called directly from an `async def` route.
    subprocess.run(["gzip", "-k", path], check=True)  # expect: sync-io-in-handler


def archive(path: str) -> None:
    # Only a plain `def` route calls it: FastAPI runs those on its thread pool.
    subprocess.run(["tar", "czf", f"{path}.tgz", path], check=True)  # ok: sync-io-in-handler
