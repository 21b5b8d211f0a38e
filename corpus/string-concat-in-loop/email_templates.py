"""Plain-text e-mail bodies for the notification service."""


def greeting(user: dict) -> str:
    return f"Hi {user['first_name']},\n\n"


def digest_body(user: dict, items: list[dict]) -> str:
    body = greeting(user)
    for item in items:
        body += f"- {item['title']} ({item['url']})\n"  # expect: string-concat-in-loop
    return body


def signature_block(signature: str, links: list[str]) -> str:
    for link in links:
        signature += f"\n{link}"  # expect: string-concat-in-loop
    return signature


def preheader(snippets: list[str], max_len: int = 90) -> str:
    text: str = ""
    while snippets and len(text) < max_len:
        text += snippets.pop(0) + " "  # expect: string-concat-in-loop
    return text.strip()[:max_len]


def append_footers(message, footers):
    for footer in footers:
        message += "\n" + footer  # ok: string-concat-in-loop
    return message


def recipient_headers(recipients: list[dict]) -> list[str]:
    headers = []
    for recipient in recipients:
        header = f"{recipient['name']}"
        header += f" <{recipient['email']}>"  # ok: string-concat-in-loop
        headers.append(header)
    return headers


def unsubscribe_links(mailing_lists: list[dict]) -> str:
    return "\n".join(f"Unsubscribe from {ml['name']}: https://example.com/u/{ml['token']}" for ml in mailing_lists)  # ok: string-concat-in-loop
