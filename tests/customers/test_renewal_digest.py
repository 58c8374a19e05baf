"""The daily renewal digest: each account manager (a sales member whose name the customers carry)
gets one e-mail a day with their customers' resources expiring within 7 / 15 / 30 days, in their
own language; nothing when nothing is due; twice the same day sends once."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from customers.models import RenewalDigest, Resource, UserPreference
from customers.services.renewal_digests import renewal_digests_send
from customers.tasks import send_renewal_digests
from tests import factories

pytestmark = pytest.mark.django_db


def resource(customer, service, days, mode="yearly_monthly", auto_renew=False):
    today = timezone.localdate()
    return Resource.objects.create(
        partner_id=customer.partner_id, customer=customer, service=service, specification="c7.xlarge.2",
        region="cn-north-4", billing_mode=mode, start=today - timedelta(days=300),
        expiry=None if days is None else today + timedelta(days=days), auto_renew=auto_renew,
        monthly_spend=Decimal("1234.50"),
    )  # fmt: skip


@pytest.fixture
def managers(partner_setup):
    """The distributor's sales user Wang Fang manages two customers; Li Na (sales) one; the rival's
    sales user, also named Wang Fang, manages the rival's customer."""
    p = partner_setup
    wang = p["sales"]
    wang.first_name, wang.last_name = "Wang", "Fang"
    wang.save()
    li = factories.member(p["distributor"], "sales", username="li.na")
    rival_wang = factories.member(p["rival"], "sales", username="rival-sales")
    rival_wang.first_name, rival_wang.last_name = "Wang", "Fang"
    rival_wang.save()
    make = factories.CustomerFactory
    star = make(
        partner=p["distributor"], name="杭州星海科技有限公司", account="hwc_star", account_manager="Wang Fang"
    )
    river = make(
        partner=p["distributor"], name="Blue River Ltd", account="hwc_river", account_manager="Wang Fang"
    )
    gone = make(
        partner=p["distributor"],
        name="Gone Co",
        account="hwc_gone",
        account_manager="Wang Fang",
        status="disassociated",
    )
    lis = make(partner=p["distributor"], name="Li's Customer", account="hwc_li", account_manager="li.na")
    rivals = make(partner=p["rival"], name="Rival Customer", account="hwc_rival", account_manager="Wang Fang")
    made = {
        "in_3": resource(star, "ECS", 3, auto_renew=True),
        "today": resource(river, "RDS", 0),
        "in_12": resource(river, "OBS", 12),
        "in_30": resource(star, "CCE", 30),
        "in_31": resource(star, "DCS", 31),
        "expired": resource(star, "ELB", -1),
        "ppu": resource(star, "CDN", None, mode="pay_per_use"),
        "gone": resource(gone, "ECS", 5),
        "rivals": resource(rivals, "ECS", 5),
    }
    return {"wang": wang, "li": li, "rival_wang": rival_wang, "lis": lis, "resources": made, "star": star}


def to(user):
    return [message for message in mail.outbox if message.to == [user.email]]


def test_each_manager_gets_their_customers_renewals_by_window(managers):
    assert renewal_digests_send() == 2  # Wang Fang of each partner; Li Na has nothing due
    (digest,) = to(managers["wang"])
    assert digest.subject == "Renewals due: 4 resources of your customers expire within 30 days"
    body = digest.body
    assert "Hello Wang Fang," in body
    for service in ("ECS", "RDS", "OBS", "CCE"):
        assert f"· {service} c7.xlarge.2 ·" in body
    for service in ("DCS", "ELB", "CDN"):  # past 30 days, expired, pay-per-use
        assert f"· {service} " not in body
    assert "hwc_gone" not in body and "hwc_rival" not in body  # disassociated, another partner's
    seven, fifteen, thirty = (
        body.index(t)
        for t in (
            "Expiring within 7 days (2)",
            "Expiring in 8 to 15 days (1)",
            "Expiring in 16 to 30 days (1)",
        )
    )
    assert (
        seven
        < body.index("· RDS")
        < body.index("· ECS")
        < fifteen
        < body.index("· OBS")
        < thirty
        < body.index("· CCE")
    )
    assert "(in 0 days)" in body and "(in 3 days)" in body and "Auto-renew: Yes" in body
    assert "Monthly spend: 1,234.50" in body
    star = managers["star"]
    link = f"{settings.PORTAL_BASE_URL.rstrip('/')}/customers/{star.pk}/resources/?due_within=7"
    assert f"杭州星海科技有限公司 (hwc_star): {link}" in body
    (rival,) = to(managers["rival_wang"])
    assert "hwc_rival" in rival.body and "hwc_star" not in rival.body
    assert to(managers["li"]) == []


def test_running_twice_the_same_day_sends_once_and_the_next_day_again(managers):
    assert renewal_digests_send() == 2
    assert send_renewal_digests.apply().get() == 0  # the beat task: the same service
    assert len(mail.outbox) == 2
    assert RenewalDigest.objects.filter(sent_at__isnull=False).count() == 2
    digest = RenewalDigest.objects.get(membership=managers["wang"].membership)
    assert digest.day == timezone.localdate() and digest.resources == 4
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert renewal_digests_send(today=tomorrow) == 2
    assert len(mail.outbox) == 4 and RenewalDigest.objects.count() == 4


def test_nothing_due_sends_nothing_and_records_nothing(managers):
    Resource.objects.filter(
        billing_mode="yearly_monthly", expiry__lte=timezone.localdate() + timedelta(days=30)
    ).update(expiry=timezone.localdate() + timedelta(days=60))
    assert renewal_digests_send() == 0
    assert mail.outbox == [] and not RenewalDigest.objects.exists()


def test_a_manager_by_username_and_one_without_an_email(managers):
    resource(managers["lis"], "GaussDB", 20)
    li = managers["li"]
    assert renewal_digests_send() == 3
    assert "hwc_li" in to(li)[0].body and "Hello li.na," in to(li)[0].body
    mail.outbox.clear()
    RenewalDigest.objects.all().delete()
    li.email = ""
    li.save()
    assert renewal_digests_send() == 2 and to(li) == []


def test_the_digest_is_in_the_managers_language(managers):
    UserPreference.objects.create(user=managers["wang"], language="zh-hans")
    renewal_digests_send()
    (digest,) = to(managers["wang"])
    assert digest.subject == "续费提醒：您客户的 4 项资源将在 30 天内到期"
    assert "7 天内到期 (2)" in digest.body and "8 至 15 天后到期 (1)" in digest.body
    assert "自动续费: 是" in digest.body and "月消费: 1,234.50" in digest.body
    (rival,) = to(managers["rival_wang"])  # no choice made: the portal's default language
    assert rival.subject.startswith("Renewals due:")


def test_a_refused_mail_is_retried_on_the_next_run(managers, monkeypatch):
    from django.core.mail import EmailMessage

    real_send = EmailMessage.send

    def refuse(message, *args, **kwargs):
        if message.to == [managers["wang"].email]:
            raise ConnectionRefusedError("smtp down")
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(EmailMessage, "send", refuse)
    assert renewal_digests_send() == 1
    assert RenewalDigest.objects.get(membership=managers["wang"].membership).sent_at is None
    monkeypatch.setattr(EmailMessage, "send", real_send)
    assert renewal_digests_send() == 1 and len(to(managers["wang"])) == 1


def test_the_beat_schedule_runs_it():
    schedule = settings.CELERY_BEAT_SCHEDULE["renewal-digests"]
    assert schedule["task"] == "customers.tasks.send_renewal_digests"
    assert settings.RENEWAL_DIGEST_HOUR in schedule["schedule"].hour
