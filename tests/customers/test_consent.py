"""The customer's own approval: a code e-mailed with a signed link when a request waits for the
customer; the public page approves with it; codes expire, are single-use, five wrong codes lock
the code; once authorised, a new code and link revoke with a reason."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from customers.models import Authorisation, CustomerConsent
from customers.services.authorisations import authorisation_distributor_approve, authorisation_request
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)  # the e-mail goes out on commit


@pytest.fixture
def asked(partner_setup):
    customer = factories.CustomerFactory(
        partner=partner_setup["reseller"], account="c-1", email="cto@example.cn", name="杭州星海科技有限公司"
    )
    request = authorisation_request(
        user=partner_setup["reseller_admin"], customer_id=customer.pk, accept_commitment=True
    )
    assert mail.outbox == []  # the distributor approves first
    authorisation_distributor_approve(user=partner_setup["admin"], authorisation_id=request.pk)
    return request


def link_and_code(message):
    link = re.search(r"http\S+/consent/(\S+)/", message.body)
    code = re.search(r"\b(\d{6})\b", message.body)
    return f"/consent/{link.group(1)}/", code.group(1)


def test_the_customer_approves_with_the_emailed_code(client, asked):
    (message,) = mail.outbox
    assert message.to == ["cto@example.cn"] and "Reseller Co" in message.body and "授权" in message.subject
    url, code = link_and_code(message)
    page = client.get(url)
    assert page.status_code == 200 and "杭州星海科技有限公司" in page.content.decode()
    done = client.post(url, {"code": code})
    assert done.status_code == 200 and 'data-testid="consent-done"' in done.content.decode()
    asked.refresh_from_db()
    assert asked.status == "authorised"
    assert asked.events.last().actor is None and "verification code" in asked.events.last().actor_label
    again = client.post(url, {"code": code})  # single use
    assert again.status_code == 409 and "used already" in again.content.decode()


def test_five_wrong_codes_lock_the_code(client, asked):
    url, code = link_and_code(mail.outbox[0])
    wrong = "000000" if code != "000000" else "111111"
    for left in [4, 3, 2, 1]:
        answer = client.post(url, {"code": wrong})
        assert answer.status_code == 400 and f"{left} tries left" in answer.content.decode()
    assert client.post(url, {"code": wrong}).status_code == 409
    locked = client.post(url, {"code": code})  # even the right code now
    assert locked.status_code == 409 and "locked" in locked.content.decode()
    asked.refresh_from_db()
    assert asked.status == "pending_customer" and CustomerConsent.objects.get().failed_attempts == 5


def test_an_expired_code_is_refused(client, asked):
    url, code = link_and_code(mail.outbox[0])
    CustomerConsent.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    answer = client.post(url, {"code": code})
    assert answer.status_code == 409 and "expired" in answer.content.decode()
    assert Authorisation.objects.get().status == "pending_customer"


def test_a_changed_link_is_a_404(client, asked):
    url, _code = link_and_code(mail.outbox[0])
    assert client.get(url[:-3] + "xx/").status_code == 404
    assert client.get("/consent/1/").status_code == 404


def test_the_customer_revokes_with_a_reason_from_the_second_link(client, asked):
    url, code = link_and_code(mail.outbox[0])
    client.post(url, {"code": code})
    assert len(mail.outbox) == 2  # the revocation link comes with the authorisation
    revoke_url, revoke_code = link_and_code(mail.outbox[1])
    assert client.post(revoke_url, {"code": revoke_code, "reason": " "}).status_code == 400
    done = client.post(revoke_url, {"code": revoke_code, "reason": "We changed partner."})
    assert done.status_code == 200
    asked.refresh_from_db()
    assert (asked.status, asked.reason) == ("revoked", "We changed partner.")


def test_no_email_no_code_and_the_operator_fallback_remains(partner_setup):
    customer = factories.CustomerFactory(partner=partner_setup["distributor"], account="c-2", email="")
    authorisation_request(user=partner_setup["admin"], customer_id=customer.pk, accept_commitment=True)
    assert mail.outbox == [] and not CustomerConsent.objects.exists()
