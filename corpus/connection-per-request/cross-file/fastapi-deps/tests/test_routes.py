from fastapi import Depends

from app.deps import get_admin_db


def override(db=Depends(get_admin_db)):
    # A test's own dependency: tests are not the application's routing.
    return db
