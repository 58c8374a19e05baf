"""Customers of the demo-shaped tenants: the distributor's own, its reseller's, a rival's."""

from datetime import date
from decimal import Decimal

import pytest

from tests import factories


@pytest.fixture
def customers(partner_setup):
    distributor, reseller, rival = (partner_setup[key] for key in ("distributor", "reseller", "rival"))
    make = factories.CustomerFactory
    return {
        "own": make(
            partner=distributor,
            name="杭州星海科技有限公司",
            account="hwc_own_001",
            mobile="13812345678",
            email="alice@example.com",
            industry="finance",
            level="V3",
            available_quota=Decimal("12345.60"),
            discount=Decimal("0.1500"),
            association_date=date(2025, 3, 1),
            tier2_reseller=reseller,
        ),
        "own_other": make(
            partner=distributor,
            name="Blue River Ltd",
            account="hwc_own_002",
            association_type="referral",
            account_manager="Emily Carter",
            mobile="13900001111",
            email="bob@example.cn",
            industry="retail",
            level="V1",
            available_quota=Decimal("10.00"),
            status="disassociated",
            association_date=date(2026, 6, 15),
        ),
        "resellers": make(
            partner=reseller, name="Reseller Customer", account="hwc_res_001", mobile="13700000000"
        ),
        "rivals": make(partner=rival, name="Rival Customer", account="hwc_riv_001", mobile="13600000000"),
    }
