"""The demo's words: names of customers and account managers (Chinese and English), the
programs' policies (English, then Simplified Chinese as the second language) and feedback."""

from decimal import Decimal

MANAGERS = ["Li Wei", "Zhang Min", "Wang Fang", "Chen Jie", "Liu Yang", "Emily Carter", "David Brown", "赵磊"]
CN_CITIES = ["北京", "上海", "深圳", "杭州", "成都", "武汉", "南京", "西安", "苏州", "广州"]
CN_WORDS = ["云智", "星海", "华信", "天元", "数联", "博远", "恒通", "锐思", "青禾", "远航"]
CN_SUFFIXES = ["科技有限公司", "信息技术有限公司", "网络科技有限公司", "数据服务有限公司"]
EN_WORDS = [
    "Bluewave",
    "Northwind",
    "Silverline",
    "Evergreen",
    "Summit",
    "Harbor",
    "Pioneer",
    "Lumen",
    "Crescent",
    "Atlas",
]
EN_SUFFIXES = [
    "Technologies Co., Ltd.",
    "Trading Ltd.",
    "Digital Pte. Ltd.",
    "Software GmbH",
    "Logistics Inc.",
]
PROGRAM_NAMES_ZH = {
    "RSL": "解决方案伙伴代售激励",
    "REF": "推荐激励",
    "GRW": "上云增长奖励",
    "SOL": "解决方案联合销售激励",
}
FEEDBACK = {
    "en": {
        "ask": "Please check this line's rate against the policy.",
        "answer": "The rate follows the program policy.",
    },
    "zh": {
        "ask": "请核对这条明细的激励比例是否符合激励政策。",
        "answer": "该比例符合激励项目政策，金额无误。",
    },
}


def policy_text(code: str, name: str, rates: dict[str, str]) -> str:
    """The program's policy in English, then in Simplified Chinese (one text: the partner reads
    the language they know; the vendor's policies are published in both)."""
    percent = {product: f"{Decimal(rate) * 100:.2f}%" for product, rate in rates.items()}
    lines = [f"{name}: paid monthly on eligible, fully paid consumption of the partner's customers."]
    lines += [f"- {product}: {share} of revenue" for product, share in percent.items()]
    lines.append("Each detail line is revenue × rate, rounded half-up to the cent.")
    lines.append("")
    lines.append(f"{PROGRAM_NAMES_ZH.get(code, name)}：按月结算，基于合作伙伴客户已全额付费的合格消费。")
    lines += [f"- {product}：收入的 {share}" for product, share in percent.items()]
    lines.append("每条明细的金额 = 收入 × 激励比例，按四舍五入保留到分。")
    return "\n".join(lines)
