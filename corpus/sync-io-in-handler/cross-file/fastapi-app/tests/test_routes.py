import asyncio

from app.legacy.reports import build_report


async def test_legacy_report():
    # A test's event loop is not the application's.
    assert build_report(1)


def test_runs():
    asyncio.run(test_legacy_report())
