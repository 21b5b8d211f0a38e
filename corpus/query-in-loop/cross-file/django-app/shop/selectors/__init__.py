"""The selectors package: re-exports what views use."""
from .orders import order_by_number, orders_of
from .customers import customer_named
