"""./manage.py prune_carts: delete abandoned carts and expired coupons."""
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from shop.models import Cart, Coupon


class Command(BaseCommand):
    help = "Delete carts nobody touched for --days days and archive expired coupons"

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **options):
        cutoff = timezone.now() - timedelta(days=options["days"])
        abandoned = Cart.objects.filter(updated_at__lt=cutoff, order__isnull=True)
        # A management command: command-line code, run by hand, where rules about per-request costs
        # stay quiet (the contexts of issue 12).
        self.stdout.write(f"{len(abandoned)} abandoned carts")  # ok: len-of-queryset -- command line
        if options["dry_run"] or not abandoned:  # ok: len-of-queryset -- command line
            return
        deleted, _ = abandoned.delete()
        self.stdout.write(self.style.SUCCESS(f"deleted {deleted} rows"))
        self.archive_coupons()

    def archive_coupons(self):
        expired = Coupon.objects.filter(expires_at__lt=timezone.now(), archived=False)
        self.stdout.write(f"archiving {len(expired)} coupons")  # ok: len-of-queryset -- iterated below
        codes = [coupon.code for coupon in expired]
        Coupon.objects.filter(code__in=codes).update(archived=True)
        self.stdout.write(", ".join(codes))
