from django.core.management.base import BaseCommand

from shop.services import refund_amount


class Command(BaseCommand):
    help = "Print the refund of every order number given"

    def add_arguments(self, parser):
        parser.add_argument("numbers", nargs="+")

    def handle(self, *args, numbers, **options):
        for number in numbers:
            self.stdout.write(str(refund_amount(number)))  # ok: query-in-loop
