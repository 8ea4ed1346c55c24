"""Every fact of the notes is in `landscape export`, with its value, its date at its precision,
and a citation quoting the note's own words; the public record's facts cite only their articles.

The facts are listed one by one below. Each names the exported table, the columns that find
exactly one row, the values that row must hold (as the CSV writes them), and a fragment that
one of the row's citations to the notes must contain. The seed is exported once per backend.
"""

import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from landscape import db
from landscape.exchange.export import EXPORT_QUERIES, csv_value, export_rows

from .conftest import NOTES, REPO, _forget_engine, _postgres_database, _postgres_server

NOTES_TITLE = "ChatGPT、OpenAI与AIGC市场：一个爱好者的商业笔记"
Tables = dict[str, list[dict[str, Any]]]


@dataclass(frozen=True)
class Starts:
    """A value that must begin with ``prefix``."""

    prefix: str


@dataclass(frozen=True)
class Has:
    """A '; '-joined list (a company's categories, a claim's companies) that holds ``names``."""

    names: frozenset[str]


def has(*names: str) -> Has:
    return Has(frozenset(names))


def _fits(row: dict[str, Any], key: str, wanted: Any) -> bool:
    value = csv_value(row.get(key))
    if isinstance(wanted, Starts):
        return value.startswith(wanted.prefix)
    if isinstance(wanted, Has):
        return wanted.names <= set(value.split("; "))
    return value == wanted


def fact(table: str, match: dict[str, Any], quote: str, **expect: Any) -> Any:
    """One fact: the row of ``table`` matching ``match`` holds ``expect`` and quotes ``quote``."""
    first = next(iter(match.values()))
    label = first.prefix if isinstance(first, Starts) else first
    extra = "/".join(str(v) for v in list(match.values())[1:] if not isinstance(v, Starts | Has))
    return pytest.param(table, match, expect, quote, id=f"{table}:{label}/{extra}".rstrip("/"))


# ---------------------------------------------------------------- the notes' facts

ORGANIZATIONS = [
    fact("companies", {"name": "OpenAI"}, "该组织于2015年底", founded="2015-Q4",
         hq_city="San Francisco", kind="research_lab", thesis_role="model_builder",
         categories=has("Foundation models", "Research labs")),
    fact("companies", {"name": "OpenAI Inc"}, "非营利性OpenAI Inc", parent="OpenAI",
         thesis_role="model_builder"),
    fact("companies", {"name": "OpenAI LP"}, "营利性公司OpenAI LP", parent="OpenAI Inc",
         thesis_role="model_builder"),
    fact("companies", {"name": "Microsoft"}, "微软公司宣布向该公司投资10 亿美元",
         kind="corporate", thesis_role="investor"),
    fact("companies", {"name": "OpenAI Startup Fund"}, "OpenAI Startup Fund(100M)",
         kind="investor", parent="OpenAI", thesis_role="investor"),
    fact("companies", {"name": "Descript"}, "Descript：让视频编辑像文字一样简单",
         categories=has("Video editing"), thesis_role="application_builder"),
    fact("companies", {"name": "Harvey"}, "Harvey：法律工作者", categories=has("Legal work"),
         thesis_role="application_builder"),
    fact("companies", {"name": "Mem"}, "Mem：个人助手", categories=has("Personal assistants"),
         thesis_role="application_builder"),
    fact("companies", {"name": "Speak"}, "Speak：AI语言老师",
         categories=has("Language learning"), thesis_role="application_builder"),
    fact("companies", {"name": "Jasper"}, "Jasper.ai", categories=has("Copywriting"),
         thesis_role="application_builder"),
    fact("companies", {"name": "Stability AI"}, "Stability.AI（Stable Diffusion母公司）",
         thesis_role="model_builder", categories=has("Image models")),
    fact("companies", {"name": "Midjourney"}, "Mid Journey", thesis_role="model_builder"),
    fact("companies", {"name": "Notion"}, "Notion.AI", thesis_role="channel_owner"),
    fact("companies", {"name": "Keeper Tax"}, "Keeper Tax帮助独立承包商和自由职业者纳税",
         categories=has("Tax assistance"), thesis_role="application_builder"),
    fact("companies", {"name": "Viable"}, "Viable帮助公司从客户反馈中获得洞察力",
         categories=has("Data analysis"), thesis_role="application_builder"),
    fact("companies", {"name": "Sana Labs"}, "Sana Labs是人工智能学习开发和应用的全球领导者",
         categories=has("Personalized learning"), thesis_role="application_builder"),
    fact("companies", {"name": "Adobe"}, "Adobe允许AIGC交易的新规",
         categories=has("AIGC asset trading")),
    fact("companies", {"name": "Base10"}, "Base 10 AI趋势", kind="investor"),
    fact("companies", {"name": "ZhenFund"}, "真格基金", kind="investor"),
    fact("companies", {"name": "Greylock"}, "Greylock的采访", kind="investor"),
    fact("companies", {"name": "How I Built This"}, "How I Built This", kind="media"),
    fact("companies", {"name": "The Information"}, "据The Information报道", kind="media"),
    fact("companies", {"name": "Stratechery"}, "https://stratechery.com/2022/", kind="media"),
    fact("companies", {"name": "GitHub"}, "ex GitHub CEO", thesis_role="observer"),
    fact("companies", {"name": "Bell Labs"}, "Bell Labs模式", kind="research_lab"),
    fact("companies", {"name": "Disney"}, "Disney、Sony", categories=has("Copyrighted content")),
    fact("companies", {"name": "Sony"}, "Disney、Sony", categories=has("Copyrighted content")),
    fact("companies", {"name": "Twitter"}, "Twitter@TurnerNovak"),
    fact("companies", {"name": "Weibo"}, "weibo @CheeseWhisper"),
]  # fmt: skip

MODELS = [
    fact("models", {"name": "GPT-1"}, "GPT 1 / 2 / 3", developer="OpenAI", parent=""),
    fact("models", {"name": "GPT-2"}, "GPT 1 / 2 / 3", developer="OpenAI", parent="GPT-1"),
    fact("models", {"name": "GPT-3"}, "2020.06 OpenAI 发布了GPT-3", developer="OpenAI",
         parent="GPT-2", released="2020-06", modality="text"),
    fact("models", {"name": "InstructGPT"}, "InstructGPT：给出符合人类审美的AI回答",
         developer="OpenAI", parent="GPT-3"),
    fact("models", {"name": "GPT-3.5"}, "ChatGPT基于GPT3.5（InstructGPT的一部分）",
         developer="OpenAI", parent="InstructGPT"),
    fact("models", {"name": "Davinci"}, "Davinci（GPT-3.5系列）", developer="OpenAI",
         parent="GPT-3.5"),
    fact("models", {"name": "ChatGPT"}, "2022.11 发布ChatGPT", developer="OpenAI",
         parent="GPT-3.5", released="2022-11"),
    fact("models", {"name": "GPT-4"}, "GPT-4：", developer="OpenAI", status="expected",
         modality="multimodal", released=""),
    fact("models", {"name": "DALL-E"}, "2021.01 OpenAI 推出了DALL-E", developer="OpenAI",
         released="2021-01", modality="image"),
    fact("models", {"name": "DALL·E 2"}, "一年后，他们的最新系统 DALL·E 2", developer="OpenAI",
         parent="DALL-E", released="2022"),
    fact("models", {"name": "Moderation API"}, "Moderation API", developer="OpenAI",
         modality="moderation"),
    fact("models", {"name": "Stable Diffusion"}, "公开模型", developer="Stability AI",
         open_weights="true", modality="image"),
    fact("models", {"name": "Midjourney"}, "ChatGPT→Mid Journey", developer="Midjourney"),
    fact("models", {"name": "AlphaGo"}, "（AlphaGo）", developer="", modality="other"),
    fact("models", {"name": "Unnamed RLHF-tuned language model"}, "使用RLHF调整训练过的语言模型",
         developer="OpenAI", parent=""),
    fact("models", {"name": "Unnamed third-party model"}, "大模型的应用可能还是渠道为王",
         developer=""),
]  # fmt: skip

EVENTS = [
    fact("events", {"company": "OpenAI", "date": "2015-Q4", "kind": "founding"},
         "该组织于2015年底"),
    fact("events", {"company": "OpenAI", "date": "2018-02", "kind": "governance"},
         "马斯克于2018年2月卸任董事会职务"),
    fact("events", {"company": "OpenAI", "date": "2019", "kind": "governance"},
         "利润上限都设置为 100 倍"),
    fact("events", {"company": "OpenAI", "date": "2019-07", "kind": "funding"},
         "微软公司宣布向该公司投资10 亿美元"),
    fact("events", {"company": "OpenAI", "date": "2019", "kind": "partnership"},
         "微软是其首选合作伙伴"),
    fact("events", {"company": "OpenAI", "date": "2020-06", "kind": "release"},
         "2020.06 OpenAI 发布了GPT-3", model="GPT-3", product="OpenAI API"),
    fact("events", {"company": "OpenAI", "date": "2021-01", "kind": "release"},
         "2021.01 OpenAI 推出了DALL-E", model="DALL-E"),
    fact("events", {"company": "OpenAI", "date": "2022", "kind": "release"},
         "一年后，他们的最新系统 DALL·E 2", model="DALL·E 2"),
    fact("events", {"company": "OpenAI", "date": "2022-10", "kind": "report"},
         "2022.10 据The Information报道"),
    fact("events", {"company": "OpenAI", "date": "2022-11-30", "kind": "release"},
         "2022.11 发布ChatGPT", model="ChatGPT", product="ChatGPT"),
    fact("events", {"company": "OpenAI Startup Fund", "date": "2022-12-01", "kind": "funding"},
         "12.1投资的四个AI项目"),
    fact("events", {"company": "OpenAI", "date": "2022-12-05", "kind": "milestone"},
         "12.05 ChatGPT的用户数已经突破百万", product="ChatGPT"),
    fact("events", {"company": "Adobe", "kind": "announcement"}, "Adobe允许AIGC交易的新规",
         date=""),
]  # fmt: skip

MONEY = [
    fact("funding_rounds", {"company": "OpenAI", "announced": "2015-Q4"}, "共同承诺投入10亿美元",
         round_type="pledge", amount_usd="1000000000", currency="USD"),
    fact("funding_rounds", {"company": "OpenAI", "announced": "2019"},
         "微软公司宣布向该公司投资10 亿美元", round_type="corporate_round",
         amount_usd="1000000000"),
    fact("funding_rounds", {"company": "OpenAI", "announced": "2022-10"}, "估值200亿美元",
         status="in_talks", post_money_usd="20000000000", amount_usd=""),
    fact("funding_rounds", {"company": "OpenAI Startup Fund", "announced": ""},
         "OpenAI Startup Fund(100M)", round_type="fund_commitment", amount_usd="100000000"),
    fact("funding_rounds", {"company": "Descript", "announced": "2022-10"},
         "12.1投资的四个AI项目", amount_usd=""),
    fact("funding_rounds", {"company": "Harvey", "announced": "2022-11"},
         "12.1投资的四个AI项目", amount_usd="5000000"),
    fact("funding_rounds", {"company": "Mem", "announced": "2022-11"},
         "12.1投资的四个AI项目", amount_usd="23500000"),
    fact("funding_rounds", {"company": "Speak", "announced": "2022-12-01"},
         "12.1投资的四个AI项目", amount_usd=""),
    fact("investments", {"investor": "Microsoft", "company": "OpenAI", "announced": "2019"},
         "微软公司宣布向该公司投资10 亿美元", is_lead="true"),
    fact("investments", {"investor": "Microsoft", "company": "OpenAI", "announced": "2022-10"},
         "考虑向微软要求融更多钱"),
    fact("investments", {"investor": "Microsoft", "company": "OpenAI Startup Fund"},
         "微软是金主爸爸之一"),
    *[
        fact("investments", {"investor": "OpenAI Startup Fund", "company": name,
                             "announced": when}, f"{name}：")
        for name, when in (
            ("Descript", "2022-10"), ("Harvey", "2022-11"), ("Mem", "2022-11"),
            ("Speak", "2022-12-01"),
        )
    ],
]  # fmt: skip

FIGURES = [
    fact("metrics", {"company": "OpenAI", "name": "profit_cap"}, "利润上限都设置为 100 倍",
         value="100", unit="x", as_of="2019"),
    fact("metrics", {"company": "OpenAI", "name": "valuation", "as_of": "2022-10"},
         "估值200亿美元", value="20000000000", unit="USD", approximate="true"),
    fact("metrics", {"company": "OpenAI Startup Fund", "name": "fund_size"},
         "OpenAI Startup Fund(100M)", value="100000000", unit="USD"),
    fact("metrics", {"model": "GPT-3", "name": "training_data_size", "unit": "GB"},
         "GPT-3的训练花了570GB的数据", value="570", as_of="2020-06"),
    fact("metrics", {"model": "GPT-3", "name": "training_data_size", "unit": "count"},
         "数万亿个单词", value="1000000000000", approximate="true"),
    fact("metrics", {"model": "GPT-3", "name": "fine_tuning_data_size"}, "370kb",
         value="370", unit="KB", approximate="true"),
    fact("metrics", {"model": "DALL·E 2", "name": "resolution_gain"}, "分辨率提高了 4 倍",
         value="4", unit="x", as_of="2022"),
    fact("metrics", {"model": "Stable Diffusion", "name": "other"}, "30s生成游戏中的模型",
         value="30", unit="s", as_of="2022-12-05"),
    fact("metrics", {"product": "ChatGPT", "name": "users"}, "12.05 ChatGPT的用户数已经突破百万",
         value="1000000", unit="count", as_of="2022-12-05", company="OpenAI"),
    fact("metrics", {"product": "ChatGPT", "name": "operating_cost", "unit": "USD/day"},
         "每天烧几十万刀", value="100000", value_high="1000000", as_of="2022-12-05",
         approximate="true"),
    fact("metrics", {"product": "ChatGPT", "name": "operating_cost", "unit": "USD"},
         "比2美分高，12美分低", value="0.02", value_high="0.12"),
    fact("metrics", {"company": "Jasper", "name": "arr"}, "八个月做到 $40m 年收入",
         value="40000000", unit="USD", approximate="true"),
    fact("metrics", {"company": "Keeper Tax", "name": "training_examples"},
         "每周添加一次大约 500 个新的训练示例", value="500", unit="count/week"),
    fact("metrics", {"company": "Keeper Tax", "name": "accuracy_gain"}, "每周准确率提高约 1%",
         value="1", unit="pp/week"),
    fact("metrics", {"company": "Keeper Tax", "name": "accuracy", "value": "85"},
         "准确率从 85% 提高到 93%", unit="percent", label=Starts("Accuracy"), as_of=""),
    fact("metrics", {"company": "Keeper Tax", "name": "accuracy", "value": "93"},
         "准确率从 85% 提高到 93%", unit="percent", as_of=""),
    fact("metrics", {"company": "Viable", "name": "accuracy", "value": "66"},
         "准确率从 66% 提高到 90%", unit="percent"),
    fact("metrics", {"company": "Viable", "name": "accuracy", "value": "90"},
         "准确率从 66% 提高到 90%", unit="percent"),
    fact("metrics", {"company": "Sana Labs", "name": "improvement"}, "60% 的改进",
         value="60", unit="percent"),
    fact("model_prices", {"model": "Davinci"}, "Davinci（GPT-3.5系列）：750字 2美分",
         price="0.02", currency="USD", unit="750 words"),
    fact("model_prices", {"model": "Unnamed RLHF-tuned language model"},
         "RLHF调整训练过的语言模型：750字 12美分",
         price="0.12", currency="USD", unit="750 words"),
]  # fmt: skip

PEOPLE = [
    fact("people", {"name": "Sam Altman"}, "萨姆·奥尔特曼（Sam Altman）", company="OpenAI"),
    fact("people", {"name": "Elon Musk"}, "埃隆·马斯克（Elon Musk）", company="OpenAI"),
    fact("people", {"name": "Nat Friedman"}, "ex GitHub CEO", company="GitHub"),
    fact("people", {"name": "Ben Thompson"}, "@Ben Thompson", company="Stratechery"),
    fact("people", {"name": "Yiqin Fu"}, "@Yiqin_Fu", handle="@Yiqin_Fu"),
    fact("people", {"name": "Diiiii"}, "@Diiiii", handle="@Diiiii"),
    fact("people", {"name": "Lin Huiwen"}, "真格基金@林惠文", name_zh="林惠文",
         company="ZhenFund"),
    fact("people", {"name": "Turner Novak"}, "Twitter@TurnerNovak", handle="@TurnerNovak"),
    fact("people", {"name": "CheeseWhisper"}, "weibo @CheeseWhisper"),
]  # fmt: skip

PRODUCTS = [
    fact("products", {"name": "OpenAI API"}, "简称为“API”", company="OpenAI",
         launched="2020-06"),
    fact("products", {"name": "ChatGPT"}, "2022.11 发布ChatGPT", company="OpenAI",
         launched="2022-11"),
    fact("products", {"name": "Notion AI"}, "Notion.AI", company="Notion"),
    fact("products", {"name": "Descript editor"}, "产品已经推出", company="Descript"),
    fact("products", {"name": "Jasper.ai"}, "社交媒体广告语", company="Jasper"),
    fact("products", {"name": "Keeper Tax app"}, "直接从应用程序中报税", company="Keeper Tax"),
    fact("products", {"name": "Sana learning platform"}, "Sana 学习平台", company="Sana Labs"),
    fact("products", {"name": "Azure"}, "微软Azure的折扣", company="Microsoft"),
    fact("model_uses", {"company": "Keeper Tax", "model": "GPT-3"}, "通过定制 GPT-3，Keeper Tax",
         how="fine_tunes"),
    fact("model_uses", {"company": "Viable", "model": "GPT-3"}, "通过定制 GPT-3，Viable",
         how="fine_tunes"),
    fact("model_uses", {"company": "Sana Labs", "model": "GPT-3"}, "定制 GPT-3",
         how="fine_tunes", product="Sana learning platform"),
    fact("model_uses", {"company": "Stability AI", "model": "Stable Diffusion"},
         "Stable Diffusion母公司", how="trains_own"),
    fact("model_uses", {"company": "OpenAI", "product": "", "model": "GPT-3"}, "发布了GPT-3",
         how="trains_own"),
    fact("model_uses", {"product": "ChatGPT", "model": "Moderation API"},
         "我们正在使用Moderation API", how="calls_api"),
    fact("model_uses", {"product": "OpenAI API", "model": "Davinci"}, "750字 2美分",
         how="trains_own"),
    fact("model_uses", {"product": "Notion AI", "model": "Unnamed third-party model"},
         "Notion.AI 虽然质量可能不如ChatGPT", company="Notion", how="calls_api"),
]  # fmt: skip

TAXONOMY = [
    fact("categories", {"name": "Replacing white-collar work"}, "对初级白领工作的替代",
         label_zh="对白领工作的替代", parent=""),
    fact("categories", {"name": "Changing information, entertainment and art"},
         "对信息、娱乐、艺术创作的改变", label_zh="对信息、娱乐、艺术创作的改变", parent=""),
    *[
        fact("categories", {"name": name}, quote, label_zh=label,
             parent="Replacing white-collar work")
        for name, label, quote in [
            ("Legal work", "法律文件整理（初级律师替代）", "初级律师替代"),
            ("Data analysis", "数据分析师", "数据分析师"),
            ("Video editing", "视频剪辑", "视频剪辑"),
            ("Graphic design", "平面设计", "平面设计"),
            ("Game modelling", "游戏建模师", "游戏建模"),
            ("Programming", "程序员", "程序员"),
            ("Video creators", "视频博主", "视频博主"),
            ("Copywriting", "文案写作", "文案写作"),
        ]
    ],
    fact("categories", {"name": "Games"}, "AI游戏（设定+概念图生成）", label_zh="AI游戏",
         parent="Changing information, entertainment and art"),
    fact("categories", {"name": "AIGC asset trading"}, "AI生成画面的资产化",
         parent="Changing information, entertainment and art"),
    fact("categories", {"name": "Foundation models"}, "大模型", label_zh="大模型"),
]  # fmt: skip

THESES = [
    fact("claims", {"topic": "channel_vs_model"}, "谁拥有流量，谁就拥有用户",
         stance="favours_channel", companies=has("Notion", "OpenAI")),
    fact("claims", {"topic": "application_layer", "person": "Nat Friedman"}, "From ex GitHub CEO",
         person="Nat Friedman", stance="favours_applications",
         companies=has("OpenAI", "GitHub", "Bell Labs")),
    fact("claims", {"topic": "fine_tuning", "person": "Sam Altman"}, "更省钱省力的路径",
         person="Sam Altman", companies=has("OpenAI")),
    fact("claims", {"statement": Starts("Stability.AI")}, "更像是咨询公司而不是 SaaS 公司",
         topic="business_model", stance="neutral", companies=has("Stability AI", "Disney", "Sony")),
    fact("claims", {"statement": Starts("开源大模型的应用落地")}, "OpenAI的布局",
         topic="application_layer", stance="neutral",
         companies=has("OpenAI", "OpenAI Startup Fund", "Descript", "Harvey", "Mem", "Speak")),
    fact("claims", {"statement": Starts("OpenAI 前置成本")}, "每天烧几十万刀", topic="compute",
         stance="neutral", companies=has("OpenAI")),
    fact("claims", {"statement": Starts("其中，GPT-3的训练花了570GB")}, "370kb的数据",
         topic="fine_tuning", stance="favours_applications",
         companies=has("OpenAI", "Keeper Tax", "Viable", "Sana Labs")),
    fact("claims", {"statement": Starts("人们在AI问题上")}, "不是审问者，而是编辑者",
         topic="human_role"),
    fact("claims", {"statement": Starts("AI 做的事情就是pattern matching")},
         "这个过程跟搜索的逻辑非常相似", topic="search", companies=has("OpenAI")),
    fact("claims", {"statement": Starts("My basic model of the next decade")},
         "marginal cost of intelligence and the marginal cost of energy", topic="future",
         person="Sam Altman", companies=has("OpenAI")),
]  # fmt: skip

NOTES_FACTS = ORGANIZATIONS + MODELS + EVENTS + MONEY + FIGURES + PEOPLE + PRODUCTS
NOTES_FACTS += TAXONOMY + THESES


# ---------------------------------------------------------------- the public record (tier 2)


def public(table: str, match: dict[str, Any], source: str, **expect: Any) -> Any:
    """A tier-2 fact: cited by the article titled ``source...`` (with a URL), not the notes."""
    return fact(table, match, source, **expect)


PUBLIC_RECORD = [
    public("events", {"company": "OpenAI Startup Fund", "date": "2021-05"}, "OpenAI is also"),
    public("events", {"company": "OpenAI Startup Fund", "date": "2022-11"}, "OpenAI is also"),

    public("funding_rounds", {"company": "Jasper"}, "Jasper 快要赢得",
           amount_usd="125000000", post_money_usd="1500000000", announced="2022-10"),
    public("metrics", {"company": "Jasper", "name": "headcount", "as_of": "2022-01"},
           "Jasper 快要赢得", value="9"),
    public("metrics", {"company": "Jasper", "name": "headcount", "as_of": "2022-11"},
           "Jasper 快要赢得", value="160"),
    public("metrics", {"company": "Jasper", "name": "revenue"}, "Jasper 快要赢得",
           value="60000000", as_of="2022"),
    public("people", {"name": "Emad Mostaque"}, "Stable Diffusion creator", company="Stability AI"),
    public("events", {"company": "Stability AI", "date": "2020"}, "Stable Diffusion creator"),
    public("events", {"model": "Stable Diffusion", "date": "2022-08"}, "Stable Diffusion creator"),
    public("funding_rounds", {"company": "Stability AI"}, "Stable Diffusion creator",
           amount_usd="101000000", post_money_usd="1000000000", announced="2022-10"),
    public("metrics", {"company": "Stability AI", "name": "valuation"}, "Leaked deck",
           value="1000000000"),
    public("metrics", {"product": "Notion AI", "name": "waitlist"}, "Behind the scenes",
           value="2000000", as_of=""),
    public("funding_rounds", {"company": "OpenAI", "announced": "2021"}, "Microsoft invests",
           amount_usd=""),
    public("funding_rounds", {"company": "OpenAI", "announced": "2023-01-23"}, "Microsoft invests",
           amount_usd="10000000000", status="reported"),
    public("people", {"name": "Greg Brockman"}, "OpenAI is also", company="OpenAI"),
    public("companies", {"name": "Coatue"}, "Stable Diffusion creator", kind="investor"),
]  # fmt: skip

# Facts both tiers report: ONE row, citing the notes (checked above) and the article.
RECONCILED = [
    public("funding_rounds", {"company": "Descript"}, "OpenAI is also", status="reported",
           announced="2022-10"),
    public("funding_rounds", {"company": "Harvey"}, "OpenAI is also", announced="2022-11"),
    public("funding_rounds", {"company": "Mem"}, "OpenAI is also", announced="2022-11"),
    public("events", {"product": "ChatGPT", "kind": "release"}, "Microsoft just made",
           date="2022-11-30"),
    public("events", {"company": "OpenAI", "kind": "funding", "date": "2019-07"},
           "Microsoft invests"),
]  # fmt: skip

CITED_TABLES = {  # exported table -> the citation's subject_table
    "companies": "companies", "people": "people", "categories": "categories",
    "products": "products", "funding_rounds": "funding_rounds", "investments": "investments",
    "models": "ai_models", "model_prices": "model_prices", "model_uses": "model_uses",
    "metrics": "metrics", "events": "events", "claims": "claims",
}  # fmt: skip


# ---------------------------------------------------------------- the export, once per backend


@contextmanager
def _seeded_copy(request: pytest.FixtureRequest, factory: pytest.TempPathFactory) -> Iterator[str]:
    """A throwaway copy of the session's seeded template, on the requested backend."""
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("seeded_sqlite_template")
        path = factory.mktemp("coverage") / "seeded.db"
        shutil.copyfile(template, path)
        url = f"sqlite:///{path}"
        yield url
        _forget_engine(url)
        return
    name = request.getfixturevalue("seeded_postgres_template")
    with _postgres_database(_postgres_server(), template=name) as url:
        yield url


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def exported(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Tables:
    """Every exported table of a freshly seeded database, as rows."""
    with _seeded_copy(request, tmp_path_factory) as url, db.get_engine(url).connect() as conn:
        return {name: list(export_rows(conn, name)) for name in EXPORT_QUERIES}


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def notes_text() -> str:
    if not NOTES.exists():
        pytest.skip("the shared notes are not beside the project")
    return _squash(NOTES.read_text(encoding="utf-8"))


def _the_row(tables: Tables, table: str, match: dict[str, Any]) -> dict[str, Any]:
    rows = [row for row in tables[table] if all(_fits(row, k, v) for k, v in match.items())]
    assert len(rows) == 1, f"{len(rows)} rows of {table} match {match}"
    return rows[0]


def _citations(tables: Tables, table: str, row_id: int) -> list[dict[str, Any]]:
    subject = CITED_TABLES[table]
    return [
        c
        for c in tables["citations"]
        if c["subject_table"] == subject and c["subject_id"] == row_id
    ]


def _mismatches(row: dict[str, Any], expect: dict[str, Any]) -> dict[str, str]:
    return {k: csv_value(row.get(k)) for k, v in expect.items() if not _fits(row, k, v)}


# ---------------------------------------------------------------- the tests


@pytest.mark.parametrize(("table", "match", "expect", "quote"), NOTES_FACTS)
def test_a_fact_of_the_notes_is_exported_and_quotes_them(
    exported: Tables, notes_text: str, table: str, match: dict, expect: dict, quote: str
) -> None:
    row = _the_row(exported, table, match)
    assert _mismatches(row, expect) == {}
    from_notes = [c for c in _citations(exported, table, row["id"]) if c["source"] == NOTES_TITLE]
    supporting = [c for c in from_notes if quote in c["quote"]]
    assert supporting, f"no citation of the notes quotes {quote!r}: {from_notes}"
    assert all(_squash(c["quote"]) in notes_text for c in supporting)
    assert all(c["quote_language"] == "zh" for c in supporting)


@pytest.mark.parametrize(("table", "match", "expect", "source"), PUBLIC_RECORD)
def test_a_fact_of_the_public_record_cites_only_its_article(
    exported: Tables, table: str, match: dict, expect: dict, source: str
) -> None:
    row = _the_row(exported, table, match)
    assert _mismatches(row, expect) == {}
    citations = _citations(exported, table, row["id"])
    assert [c["source"] for c in citations if c["source"] == NOTES_TITLE] == []
    assert any(c["source"].startswith(source) and c["source_url"] for c in citations), citations
    assert all(c["note"] and "facts-beyond-the-notes.md" in c["note"] for c in citations)


@pytest.mark.parametrize(("table", "match", "expect", "source"), RECONCILED)
def test_a_fact_both_tiers_report_is_one_row_citing_both(
    exported: Tables, table: str, match: dict, expect: dict, source: str
) -> None:
    row = _the_row(exported, table, match)
    assert _mismatches(row, expect) == {}
    citations = _citations(exported, table, row["id"])
    assert any(c["source"] == NOTES_TITLE for c in citations), citations
    assert any(c["source"].startswith(source) and c["source_url"] for c in citations), citations


def test_every_row_cites_a_source_a_reader_can_open(exported: Tables) -> None:
    """Each fact cites the notes or a source with an address (a URL)."""
    unopenable = [
        (table, row["id"])
        for table in CITED_TABLES
        for row in exported[table]
        if not any(
            c["source"] == NOTES_TITLE or c["source_url"]
            for c in _citations(exported, table, row["id"])
        )
    ]
    assert unopenable == []


def test_every_source_supports_some_fact(exported: Tables) -> None:
    cited = {c["source"] for c in exported["citations"]}
    assert [s["title"] for s in exported["sources"] if s["title"] not in cited] == []


def test_every_company_has_a_category_and_a_thesis_role(exported: Tables) -> None:
    missing = [
        row["name"]
        for row in exported["companies"]
        if not row["categories"] or not row["thesis_role"]
    ]
    assert missing == []


def test_every_organization_the_notes_name_is_seeded(exported: Tables) -> None:
    """The list in the issue, plus the ones the notes mention in passing."""
    named = {m.values[1]["name"] for m in ORGANIZATIONS}  # type: ignore[attr-defined]
    exported_names = {row["name"] for row in exported["companies"]}
    assert named <= exported_names
    assert len(named) >= 29


def test_every_event_and_metric_of_the_notes_is_listed_here(exported: Tables) -> None:
    """No notes-cited event or figure exists that this file does not check."""
    for table, listed in (("events", EVENTS), ("metrics", FIGURES)):
        from_notes = {
            row["id"]
            for row in exported[table]
            if any(c["source"] == NOTES_TITLE for c in _citations(exported, table, row["id"]))
        }
        checked = {
            _the_row(exported, table, p.values[1])["id"]  # type: ignore[attr-defined]
            for p in listed
            if p.values[0] == table  # type: ignore[attr-defined]
        }
        assert from_notes == checked, table


# The seed table of docs/seed.md: its first cell's opening word -> the tables its counts cover.
SEED_TABLE_ROWS = {
    "Organizations": ["companies"], "People": ["people"], "Categories:": ["categories"],
    "Products,": ["products", "model_uses"], "AI": ["models"], "Model": ["model_prices"],
    "Funding": ["funding_rounds", "investments"], "Metrics": ["metrics"], "Events": ["events"],
    "Claims:": ["claims"], "Sources,": ["sources", "citations"],
}  # fmt: skip


def _docs_seed_table() -> dict[str, list[str]]:
    text = (REPO / "docs" / "seed.md").read_text(encoding="utf-8")
    section = text[text.index("# The seed") : text.index("**Two tiers.**")]
    rows = [line.split("|")[1:-1] for line in section.splitlines() if line.startswith("| ")]
    return {cells[0].split()[0]: [c.strip() for c in cells[1:]] for cells in rows[1:]}


def test_the_docs_count_the_seed_truly(exported: Tables) -> None:
    table = _docs_seed_table()
    assert set(table) == set(SEED_TABLE_ROWS)
    for first_word, names in SEED_TABLE_ROWS.items():
        rows, from_notes, _public = table[first_word]
        assert rows == ", ".join(str(len(exported[name])) for name in names), first_word
        if from_notes:
            counted = [
                sum(
                    any(c["source"] == NOTES_TITLE for c in _citations(exported, name, r["id"]))
                    for r in exported[name]
                )
                for name in names
            ]
            assert from_notes == ", ".join(map(str, counted)), first_word
