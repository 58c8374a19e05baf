"""The enterprise encyclopedia's demo directory and a few customer reports.

`seed_companies(count)` tops the directory up to `count` companies (DEMO_COMPANIES, 50,000 for
`seed_demo`, a few hundred in tests) with realistic Chinese mainland companies (about four in
five: registered names such as 杭州云帆智能科技有限公司 and valid 18-character unified social
credit codes, GB 32100-2015 check digits) and English-named companies of the international
site. Company n is the same for a given seed whatever ran before (its own random stream; names
and codes come from a permutation of n, so they are unique), written with bulk inserts.
"""

import io
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import connection, transaction

from .models import Company, CompanySize, Customer, CustomerReport, Industry, Partner, Site
from .services.reports import report_submit

CN_CITIES = [  # (registered region, administrative division code)
    ("北京市", "110105"), ("上海市浦东新区", "310115"), ("天津市", "120116"), ("重庆市", "500105"),
    ("浙江省杭州市", "330106"), ("浙江省宁波市", "330212"), ("浙江省温州市", "330302"),
    ("江苏省南京市", "320105"), ("江苏省苏州市", "320505"), ("江苏省无锡市", "320214"),
    ("广东省深圳市", "440305"), ("广东省广州市", "440106"), ("广东省东莞市", "441900"),
    ("四川省成都市", "510107"), ("湖北省武汉市", "420106"), ("陕西省西安市", "610113"),
    ("山东省济南市", "370102"), ("山东省青岛市", "370212"), ("福建省厦门市", "350203"),
    ("福建省福州市", "350102"), ("湖南省长沙市", "430104"), ("河南省郑州市", "410105"),
    ("安徽省合肥市", "340104"), ("辽宁省沈阳市", "210102"), ("黑龙江省哈尔滨市", "230102"),
    ("云南省昆明市", "530102"), ("贵州省贵阳市", "520115"), ("江西省南昌市", "360111"),
    ("河北省石家庄市", "130104"), ("广西壮族自治区南宁市", "450103"),
]  # fmt: skip
CN_BRANDS = (
    "云帆 智联 汇通 数智 星辰 恒信 博睿 新维 瑞丰 启明 华创 天择 中科 金诚 鼎盛 远航 蓝海 嘉禾 卓越 "
    "宏图 盛世 泰和 东方 长城 九州 鸿运 正泰 明德 思远 优创 易达 安信 联众 科瑞 凯旋 锦程 同方 "
    "海纳 易联 众合 弘毅 德润 清源 青云 汇智 聚力 方圆 合众 银河 万象 融通 睿智 华信 永泰 朗新 宇通 "
    "伟业 天成 光大 信诚"
).split()
CN_SEGMENTS = [  # (business words, industry)
    ("网络科技", Industry.INTERNET), ("信息技术", Industry.INTERNET), ("软件开发", Industry.INTERNET),
    ("数据科技", Industry.INTERNET), ("融资租赁", Industry.FINANCE), ("投资管理", Industry.FINANCE),
    ("保险代理", Industry.FINANCE), ("机械制造", Industry.MANUFACTURING),
    ("精密仪器", Industry.MANUFACTURING),
    ("新材料", Industry.MANUFACTURING), ("汽车零部件", Industry.MANUFACTURING), ("商贸", Industry.RETAIL),
    ("电子商务", Industry.RETAIL), ("连锁超市", Industry.RETAIL), ("教育科技", Industry.EDUCATION),
    ("职业培训", Industry.EDUCATION), ("医疗器械", Industry.HEALTHCARE), ("生物科技", Industry.HEALTHCARE),
    ("医药", Industry.HEALTHCARE), ("城市建设投资", Industry.GOVERNMENT), ("物流", Industry.LOGISTICS),
    ("供应链管理", Industry.LOGISTICS), ("国际货运代理", Industry.LOGISTICS), ("文化传媒", Industry.MEDIA),
    ("影视制作", Industry.MEDIA), ("环境工程", Industry.OTHER), ("农业发展", Industry.OTHER),
]  # fmt: skip
CN_KINDS = ["有限公司", "股份有限公司", "有限责任公司", "集团有限公司"]
EN_REGIONS = [  # (region, company suffix, registration number prefix)
    ("Singapore", "Pte. Ltd.", "SG"), ("Hong Kong, China", "Limited", "HK"), ("Malaysia", "Sdn. Bhd.", "MY"),
    ("Thailand", "Co., Ltd.", "TH"), ("Indonesia", "PT", "ID"), ("United Arab Emirates", "LLC", "AE"),
    ("United Kingdom", "Ltd", "GB"), ("Germany", "GmbH", "DE"), ("Mexico", "S.A. de C.V.", "MX"),
    ("South Africa", "(Pty) Ltd", "ZA"),
]  # fmt: skip
EN_BRANDS = (
    "Northwind Bluepeak Silverline Redwood Harborview Brightpath Ironbridge Clearwater Suncrest Greenfield "
    "Stonegate Skylark Evergreen Lighthouse Oakridge Riverside Summit Horizon Pinnacle Meridian Atlas Vertex "
    "Keystone Cobalt Falcon Granite Lotus Maple Nimbus Orion Pacific Quantum Sapphire Tidewater "
    "Unity Vanguard "
    "Willow Zenith Aurora Beacon Crescent Delta Ember Fjord Golden Highland Indigo Juniper Kestrel Lakeshore"
).split()
EN_SEGMENTS = [
    ("Analytics", Industry.INTERNET), ("Software", Industry.INTERNET), ("Digital", Industry.INTERNET),
    ("Cloud Services", Industry.INTERNET), ("Capital", Industry.FINANCE), ("Payments", Industry.FINANCE),
    ("Insurance Brokers", Industry.FINANCE), ("Manufacturing", Industry.MANUFACTURING),
    ("Precision Engineering", Industry.MANUFACTURING), ("Trading", Industry.RETAIL),
    ("Retail", Industry.RETAIL),
    ("Learning", Industry.EDUCATION), ("Medical", Industry.HEALTHCARE), ("Biotech", Industry.HEALTHCARE),
    ("Logistics", Industry.LOGISTICS), ("Freight", Industry.LOGISTICS), ("Media", Industry.MEDIA),
    ("Studios", Industry.MEDIA), ("Energy", Industry.OTHER), ("Agritech", Industry.OTHER),
]  # fmt: skip
CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100-2015 (no I, O, S, V, Z)
CODE_WEIGHTS = [pow(3, i, 31) for i in range(17)]
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]  # GB 11714 organisation code
CN_PERCENT = 80
# (size, a roll of 0-99 below this, registered capital up to N x 100,000 CNY)
SIZES_BY_ROLL = [
    (CompanySize.MICRO, 35, 10),
    (CompanySize.SMALL, 75, 100),
    (CompanySize.MEDIUM, 95, 1000),
    (CompanySize.LARGE, 100, 10_000),
]
FIRST_DAY = date(1985, 1, 1).toordinal()
LAST_DAY = date(2025, 12, 31).toordinal()
BATCH = 5000
PRIME = 48_271  # coprime with both numbers of combinations below
CN_COMBINATIONS = len(CN_CITIES) * len(CN_SEGMENTS) * len(CN_BRANDS) * len(CN_KINDS)
EN_COMBINATIONS = len(EN_REGIONS) * len(EN_SEGMENTS) * len(EN_BRANDS)
EN_MORE = ["", " Holdings", " Group", " International", " Asia", " Global", " Solutions", " Partners"]


CODE_INDEX = {c: i for i, c in enumerate(CODE_CHARS)}
COLUMNS = ("name", "credit_code", "industry", "region", "site", "size", "registered_capital", "founded")


def credit_code(division: str, serial: int) -> str:
    """A valid 18-character unified social credit code: enterprise (9, 1), division, organisation code."""
    org = f"{serial % 100_000_000:08d}"
    check = 11 - sum(int(c) * w for c, w in zip(org, ORG_WEIGHTS, strict=True)) % 11
    org += "X" if check == 10 else "0" if check == 11 else str(check)
    body = "91" + division + org
    total = sum(CODE_INDEX[c] * w for c, w in zip(body, CODE_WEIGHTS, strict=True))
    return body + CODE_CHARS[(31 - total % 31) % 31]


def _draws(number: int, seed: int) -> int:
    """A 64-bit pseudo-random number of its own for each entry (splitmix64): cheap and repeatable."""
    z = (number * 0x9E3779B97F4A7C15 + seed) & 0xFFFFFFFFFFFFFFFF
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
    return z ^ (z >> 31)


def company_row(number: int, seed: int = 2026) -> tuple:
    """Directory entry `number` as a row of COLUMNS; the same for a given seed."""
    draws = _draws(number, seed)
    roll = draws % 100
    size, capital = next((s, c) for s, limit, c in SIZES_BY_ROLL if roll < limit)
    founded = date.fromordinal(FIRST_DAY + (draws >> 8) % (LAST_DAY - FIRST_DAY))
    registered = Decimal(1 + (draws >> 24) % capital) * 100_000
    serial = number * PRIME + 11  # unique per number: the credit codes
    if (draws >> 40) % 100 < CN_PERCENT:
        mixed = number * PRIME % CN_COMBINATIONS  # a permutation: each plain name once
        region, division = CN_CITIES[mixed % len(CN_CITIES)]
        words, industry = CN_SEGMENTS[(mixed // len(CN_CITIES)) % len(CN_SEGMENTS)]
        rest = mixed // (len(CN_CITIES) * len(CN_SEGMENTS))
        brand, kind = CN_BRANDS[rest % len(CN_BRANDS)], CN_KINDS[rest // len(CN_BRANDS)]
        city = region.split("省")[-1].split("自治区")[-1].removesuffix("浦东新区")
        name, code, site = f"{city}{brand}{words}{kind}", credit_code(division, serial), Site.CHINA
        if number >= CN_COMBINATIONS:  # past the plain names: a branch keeps the name unique
            name += f"第{number // CN_COMBINATIONS}分公司"
    else:
        mixed = number * PRIME % EN_COMBINATIONS
        region, suffix, prefix = EN_REGIONS[mixed % len(EN_REGIONS)]
        words, industry = EN_SEGMENTS[(mixed // len(EN_REGIONS)) % len(EN_SEGMENTS)]
        brand = EN_BRANDS[mixed // (len(EN_REGIONS) * len(EN_SEGMENTS))]
        more = number // EN_COMBINATIONS
        stem = f"{brand} {words}{EN_MORE[more % len(EN_MORE)]}" + (f" {more}" if more >= len(EN_MORE) else "")
        name = f"PT {stem}" if suffix == "PT" else f"{stem} {suffix}"
        code, site = f"{prefix}{founded.year}{serial % 10_000_000:07d}", Site.INTERNATIONAL
    return (name, code, str(industry), region, str(site), str(size), registered, founded)


def company(number: int, seed: int = 2026) -> Company:
    """Directory entry `number` as an unsaved model."""
    return Company(**dict(zip(COLUMNS, company_row(number, seed), strict=True)))


def _insert(rows: list[tuple]) -> None:
    """Plain multi-row inserts (COPY on PostgreSQL): no model instance per row."""
    table = Company._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            text = "".join("\t".join(_copy_value(v) for v in row) + "\n" for row in rows)
            cursor.copy_expert(f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN", io.StringIO(text))
        else:
            marks = ", ".join(["%s"] * len(COLUMNS))
            sql = f"INSERT INTO {table} ({', '.join(COLUMNS)}) VALUES ({marks})"  # noqa: S608 (our names)
            cursor.executemany(sql, [(*row[:6], str(row[6]), row[7].isoformat()) for row in rows])


def _copy_value(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def seed_companies(count: int, seed: int = 2026) -> int:
    """Top the directory up to `count` entries; how many were created."""
    have = Company.objects.count()
    with transaction.atomic():
        for start in range(have, count, BATCH):
            _insert([company_row(n, seed) for n in range(start, min(start + BATCH, count))])
    return max(count - have, 0)


def seed_reports() -> None:
    """Demo Distributor's customers as directory entries (so reporting them is refused), a pending
    report of Demo Distributor and one of Demo Reseller (the operators' queue); once."""
    if CustomerReport.objects.exists() or not Company.objects.exists():
        return
    with transaction.atomic():
        for customer in Customer.objects.filter(partner__code="P1001", company=None).order_by("pk")[:3]:
            entry = company(10_000_000 + customer.pk)
            entry.name, entry.site = customer.name, Site.CHINA
            entry.save()
            customer.company = entry
            customer.save(update_fields=["company"])
    Partner.objects.filter(code="P3001").update(site=Site.INTERNATIONAL)  # the rival sells abroad
    users = get_user_model().objects.in_bulk(["demo-sales", "reseller-admin"], field_name="username")
    free = Company.objects.filter(site=Site.CHINA, customers=None).order_by("pk")
    for (username, spend, notes), target in zip(
        [("demo-sales", "25000.00", "Met their CTO; migrating ERP to the cloud in Q2."),
         ("reseller-admin", "8000.00", "Web shop on ECS and RDS.")],
        free[:2],
        strict=False,
    ):  # fmt: skip
        if username in users:
            report_submit(user=users[username], company_id=target.pk, expected_spend=spend, notes=notes)


def seed_encyclopedia(count: int, seed: int = 2026) -> int:
    created = seed_companies(count, seed)
    seed_reports()
    return created
