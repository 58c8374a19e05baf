from tests.summary import conftest as summary

bills = summary.bills
