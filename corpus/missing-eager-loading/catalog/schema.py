"""Catalogue GraphQL API (strawberry)."""
import typing

import strawberry

from shop.models import Category, Product


@strawberry.type
class CategoryType:
    id: int
    name: str


@strawberry.type
class ProductType:
    id: int
    name: str

    @strawberry.field
    def category(self) -> CategoryType:
        return self.category


@strawberry.type
class ProductCard:
    id: int
    name: str
    category: CategoryType


@strawberry.type
class BatchedProductType:
    id: int

    @strawberry.field
    def category(self, info) -> CategoryType:
        return info.context["category_loader"].load(self.category_id)


@strawberry.type
class CategoryWithProducts:
    id: int

    @strawberry.field
    def product_count(self) -> int:
        return self.products.count()

    @strawberry.field
    def expensive(self) -> typing.List[ProductType]:
        return list(self.products.filter(price__gt=100))


@strawberry.type
class Query:
    @strawberry.field
    def products(self) -> list[ProductType]:
        return Product.objects.filter(price__gt=0)  # expect: missing-eager-loading

    @strawberry.field
    def cheap_products(self) -> list[ProductType]:
        return Product.objects.filter(price__lt=10).select_related("category")  # ok: missing-eager-loading

    @strawberry.field
    def product(self, id: int) -> ProductType:
        return Product.objects.get(pk=id)  # ok: missing-eager-loading -- one object

    @strawberry.field
    def batched_products(self) -> typing.List["BatchedProductType"]:
        return Product.objects.all()  # ok: missing-eager-loading -- batched with a DataLoader

    @strawberry.field
    def cards(self) -> list[ProductCard]:
        return Product.objects.order_by("name")  # expect: missing-eager-loading

    @strawberry.field
    def loaded_cards(self) -> list[ProductCard]:
        return Product.objects.select_related("category").order_by("name")  # ok: missing-eager-loading

    @strawberry.field
    def categories(self) -> list[CategoryWithProducts]:
        return Category.objects.all()  # expect: missing-eager-loading

    @strawberry.field
    def counted_categories(self) -> list[CategoryWithProducts]:
        # Prefetching serves `.count()`, not `.filter(...)`: `expensive` still queries per category.
        return Category.objects.prefetch_related("products")  # expect: missing-eager-loading


schema = strawberry.Schema(query=Query)
