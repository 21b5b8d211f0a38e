from app import repository
from app.repository import devices_by_serial


def missing(serials):
    absent = []
    for serial in serials:
        if repository.device_by_serial(serial) is None:  # expect: query-in-loop
            absent.append(serial)
    return absent


def known(serials):
    rows = devices_by_serial(serials)  # ok: query-in-loop
    return {row.serial for row in rows}


def first_known(serials):
    # Searches until a match: one query per serial tried.
    for serial in serials:
        device = repository.device_by_serial(serial)  # expect: query-in-loop
        if device is not None:
            return device
    return None
