from fastapi import APIRouter, Depends

from app import deps
from app.deps import get_cache, get_shared_cache

router = APIRouter()


@router.get("/items/{item_id}")
async def read_item(item_id: int, cache=Depends(get_cache)):
    return {"item": cache.get(item_id)}


@router.get("/fast/{item_id}")
async def read_fast(item_id: int, cache=Depends(get_shared_cache)):
    return {"item": cache.get(item_id)}


@router.get("/orders")
def list_orders(db=Depends(deps.get_db)):
    with db.cursor() as cursor:
        cursor.execute("select id from orders")
        return cursor.fetchall()
