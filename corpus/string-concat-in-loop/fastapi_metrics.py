"""Prometheus-style text endpoints for the API gateway (FastAPI)."""
from fastapi import FastAPI
from fastapi.responses import PlainTextResponse

app = FastAPI()

COUNTERS: dict[str, int] = {"http_requests_total": 0, "http_errors_total": 0}
UPSTREAMS = ("auth", "billing", "search")


@app.get("/metrics", response_class=PlainTextResponse)
async def metrics():
    body = "# TYPE http_requests_total counter\n"
    for name, value in sorted(COUNTERS.items()):
        body += f"{name} {value}\n"  # expect: string-concat-in-loop
    return body


@app.get("/upstreams", response_class=PlainTextResponse)
async def upstream_status(prefix: str = "upstream"):
    report = f"{prefix}:"
    for upstream in UPSTREAMS:
        report = report + f" {upstream}=up"  # expect: string-concat-in-loop
    return report


@app.get("/metrics/summary", response_class=PlainTextResponse)
async def metrics_summary():
    errors = 0
    lines = []
    for name, value in COUNTERS.items():
        if name.endswith("_errors_total"):
            errors += value  # ok: string-concat-in-loop
        lines.append(f"{name}={value}")  # ok: string-concat-in-loop
    return ", ".join(lines) + f" (errors={errors})"


@app.get("/upstreams/count", response_class=PlainTextResponse)
async def upstream_count():
    enabled = 0
    names = str(len(UPSTREAMS))
    for upstream in UPSTREAMS:
        enabled = enabled + 1  # ok: string-concat-in-loop
        names += f" {upstream}"  # expect: string-concat-in-loop
    return f"{enabled} enabled, {names}"
