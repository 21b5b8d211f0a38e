from sqlalchemy import select

from app.models import Device, db


def device_by_serial(serial):
    return db.session.scalars(select(Device).where(Device.serial == serial)).first()


def devices_by_serial(serials):
    return db.session.scalars(select(Device).where(Device.serial.in_(serials))).all()
