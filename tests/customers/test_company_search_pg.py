"""The encyclopedia's name search on PostgreSQL: a two-character part (云帆), which trigrams
cannot index, goes through the character-pair index; every length finds exactly what a plain
scan finds."""

import pytest
from django.db import connection

from customers.demo_companies import seed_companies
from customers.filters.companies import CompanyFilter
from customers.models import Company

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


@pytest.mark.parametrize(
    "part", ["云帆", "科技", "杭州市", "汇通国际货运", "no", "NORTHWIND", "pt", "Ltd.", "a"]
)
def test_the_search_finds_exactly_the_names_containing_the_part(part):
    seed_companies(3000)
    found = set(
        CompanyFilter({"name": part}, queryset=Company.objects.all()).qs.values_list("name", flat=True)
    )
    expected = {
        name for name in Company.objects.values_list("name", flat=True) if part.upper() in name.upper()
    }
    assert found == expected and (found or part == "汇通国际货运")


def test_a_two_character_part_can_use_the_pair_index():
    seed_companies(500)
    query = CompanyFilter({"name": "云帆"}, queryset=Company.objects.all()).qs
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = query.explain()
    assert "company_name_bigrams" in plan
