"""Query-string helpers for the reporting read replica."""


def select_clause(fields: list[str], joined: dict[str, str]) -> str:
    clause = ", ".join(fields)
    for alias, column in joined.items():
        clause += f", {alias}.{column} AS {alias}_{column}"  # expect: string-concat-in-loop
    return clause


def plan_summary(plan: list[dict]) -> str:
    text = ""
    for node in plan:
        for child in node.get("children", []):
            text += f"  -> {child['type']} (cost={child['cost']})\n"  # expect: string-concat-in-loop
    return text


def cursor_token(parts: list[int]) -> str:
    token = str(parts[0])
    i = 1
    while i < len(parts):
        token = token + f":{parts[i]}"  # expect: string-concat-in-loop
        i = i + 1  # ok: string-concat-in-loop
    return token


def count_query(table: str, where: str) -> str:
    sql = "SELECT COUNT(*) FROM " + table
    if where:
        sql += " WHERE " + where  # ok: string-concat-in-loop
    return sql


def order_by_clause(sort_keys: list[tuple[str, bool]]) -> str:
    terms = [f"{column} {'DESC' if descending else 'ASC'}" for column, descending in sort_keys]
    return "ORDER BY " + ", ".join(terms)
