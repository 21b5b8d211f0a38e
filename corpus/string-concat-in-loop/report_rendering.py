"""Weekly sales report rendering for the mailer service."""
from dataclasses import dataclass
from decimal import Decimal


@dataclass
class SalesLine:
    region: str
    product: str
    units: int
    revenue: Decimal


def render_html_table(lines: list[SalesLine]) -> str:
    html = "<table><tr><th>Region</th><th>Product</th><th>Units</th><th>Revenue</th></tr>"
    for line in lines:
        html += f"<tr><td>{line.region}</td><td>{line.product}</td><td>{line.units}</td><td>{line.revenue}</td></tr>"  # expect: string-concat-in-loop
    html += "</table>"  # ok: string-concat-in-loop
    return html


def render_csv(lines: list[SalesLine]) -> str:
    csv_text = ""
    for line in lines:
        csv_text = csv_text + f"{line.region},{line.product},{line.units},{line.revenue}\n"  # expect: string-concat-in-loop
    return csv_text


def render_subject(week: int, regions: list[str]) -> str:
    subject = f"Weekly sales W{week:02d}:"
    for region in regions:
        subject += f" {region}"  # expect: string-concat-in-loop
    return subject


def totals(lines: list[SalesLine]) -> tuple[int, Decimal]:
    total_units = 0
    total_revenue = Decimal("0")
    for line in lines:
        total_units += line.units  # ok: string-concat-in-loop
        total_revenue = total_revenue + line.revenue
    return total_units, total_revenue


def csv_rows(lines: list[SalesLine]) -> list[list[str]]:
    rows = [["region", "product", "units", "revenue"]]
    for line in lines:
        rows += [[line.region, line.product, str(line.units), str(line.revenue)]]  # ok: string-concat-in-loop
    return rows


def render_plain_text(lines: list[SalesLine]) -> str:
    parts = []
    for line in lines:
        parts.append(f"{line.region:<12}{line.product:<24}{line.units:>6}{line.revenue:>12}")  # ok: string-concat-in-loop
    return "\n".join(parts)
