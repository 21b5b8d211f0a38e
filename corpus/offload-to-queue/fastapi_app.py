"""Upload and notification endpoints (FastAPI)."""
import io
import smtplib
from email.message import EmailMessage

from fastapi import BackgroundTasks, FastAPI, File, UploadFile
from fastapi.responses import StreamingResponse
from PIL import Image
from pydantic import BaseModel, EmailStr

from .settings import MEDIA_ROOT, SMTP_HOST, SMTP_PORT
from .storage import public_url

app = FastAPI()


class Receipt(BaseModel):
    email: EmailStr
    order_id: int


def send_receipt(email: str, order_id: int) -> None:
    message = EmailMessage()
    message["Subject"] = f"Receipt for order {order_id}"
    message["To"] = email
    message.set_content("Thanks for your order.")
    with smtplib.SMTP(SMTP_HOST, SMTP_PORT) as smtp:
        smtp.send_message(message)  # ok: offload-to-queue


@app.post("/receipts")
def email_receipt(receipt: Receipt):
    """Sends the receipt before answering."""
    message = EmailMessage()
    message["Subject"] = f"Receipt for order {receipt.order_id}"
    message["To"] = receipt.email
    message.set_content("Thanks for your order.")
    smtp = smtplib.SMTP(SMTP_HOST, SMTP_PORT)
    try:
        smtp.sendmail("shop@example.com", [receipt.email], message.as_string())  # expect: offload-to-queue
    finally:
        smtp.quit()
    return {"sent": True}


@app.post("/receipts/later")
def email_receipt_later(receipt: Receipt, background_tasks: BackgroundTasks):
    background_tasks.add_task(send_receipt, receipt.email, receipt.order_id)  # ok: offload-to-queue
    return {"queued": True}


@app.post("/photos")
def upload_photo(file: UploadFile = File(...)):
    image = Image.open(file.file)
    image.thumbnail((1024, 1024))
    target = MEDIA_ROOT / "photos" / f"{file.filename}.webp"
    image.save(target, "WEBP")  # expect: offload-to-queue
    return {"url": public_url(target), "width": image.width}


@app.post("/photos/preview")
def preview_photo(file: UploadFile = File(...)):
    image = Image.open(file.file).convert("RGB")
    image.thumbnail((320, 320))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)  # ok: offload-to-queue
    buffer.seek(0)
    return StreamingResponse(buffer, media_type="image/jpeg")
