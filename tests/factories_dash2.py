"""Realistic rows beyond the seed, for the Timeline, Growth, Funding and Thesis tests.

The rows are the notes' examples and the checked public facts (``facts-beyond-the-notes.md``):
Keeper Tax, Viable and Sana fine-tuning GPT-3, ChatGPT's first million users, Jasper's revenue
and round, Stability AI's round, the OpenAI Startup Fund's led rounds, the claims of the
channel-versus-model debate. They go through the project's own seed loader (found or added,
never duplicated), so they also hold where the seed already has some of them. Facts from an
article cite that article, so "Notes only" leaves them out.
"""

import json
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import select
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest

from landscape import db
from landscape import models as m
from landscape.names import normalize_name
from landscape.seed import SeedLoader

from .apptests import open_page

NOTES_TITLE = "ChatGPT、OpenAI与AIGC市场：一个爱好者的商业笔记"

SOURCES = [
    {"key": "notes", "title": NOTES_TITLE, "kind": "notes", "language": "zh"},
    {
        "key": "tech-brew",
        "title": "OpenAI is also a startup investor. Here's its investment thesis",
        "url": "https://www.emergingtechbrew.com/stories/2022/12/05/"
        "openai-is-also-a-startup-investor-here-s-its-investment-thesis",
        "publisher": "Emerging Tech Brew",
        "kind": "article",
        "language": "en",
        "published": "2022-12-05",
    },
    {
        "key": "jasper-information",
        "title": "Jasper raises $125M at a $1.5B valuation (The Information, translated)",
        "url": "https://cloud.tencent.com.cn/developer/news/981861",
        "kind": "article",
        "language": "zh",
        "published": "2022-10",
    },
    {
        "key": "venturebeat-stability",
        "title": "Stable Diffusion creator Stability AI raises $101M",
        "url": "https://venturebeat.com/ai/stable-diffusion-creator-stability-ai-raises-101m-"
        "funding-to-accelerate-open-source-ai/",
        "publisher": "VentureBeat",
        "kind": "article",
        "language": "en",
        "published": "2022-10-17",
    },
    {
        "key": "notion-blog",
        "title": "Behind the scenes of Notion AI",
        "url": "https://www.notion.so/blog/behind-the-scenes-notion-ai",
        "publisher": "Notion",
        "kind": "official_page",
        "language": "en",
    },
    {
        "key": "latimes",
        "title": "Microsoft invests $10 billion in ChatGPT maker OpenAI",
        "url": "https://www.latimes.com/business/story/2023-01-23/"
        "microsoft-invests-10-billion-chatgpt-maker-openai",
        "publisher": "Los Angeles Times",
        "kind": "article",
        "language": "en",
        "published": "2023-01-23",
    },
]

CHANNEL_QUOTE = "大模型的应用可能还是渠道为王——谁拥有流量，谁就拥有用户，拥有潜在的收入场景。"
APPLICATIONS_QUOTE = (
    "真正能够push the limits的项目可能是那些落地应用，并持续给大模型反馈提升的项目。"
)
STABILITY_QUOTE = (
    "Stability.AI（Stable Diffusion母公司）的CEO认为，生成模型更像是咨询公司而不是 SaaS 公司。"
)

CATEGORIES = [
    {"name": "Copywriting", "label_zh": "文案写作", "position": 10},
    {"name": "Image generation", "label_zh": "画师/设计师替代", "position": 11},
    {"name": "Productivity", "label_zh": "AI商务写作和整理的助手", "position": 12},
    {"name": "Tax", "label_zh": "AI纳税助手", "position": 13},
    {"name": "Customer feedback", "label_zh": "用户反馈分析", "position": 14},
    {"name": "Learning", "label_zh": "定制化学习", "position": 15},
]


def _company(name: str, role: str, category: str, quote: str, **extra: Any) -> dict[str, Any]:
    return {"name": name, "thesis_role": role, "categories": [category], "notes": quote} | extra


COMPANIES = [
    _company(
        "Jasper",
        "application_builder",
        "Copywriting",
        "Jasper.ai: 陈词滥调广告生成",
        founded="2021",
    ),
    _company(
        "Stability AI",
        "model_builder",
        "Image generation",
        STABILITY_QUOTE,
        founded="2020",
    ),
    _company(
        "Notion",
        "channel_owner",
        "Productivity",
        CHANNEL_QUOTE,
    ),
    _company(
        "Keeper Tax", "application_builder", "Tax", "Keeper Tax帮助独立承包商和自由职业者纳税。"
    ),
    _company(
        "Viable",
        "application_builder",
        "Customer feedback",
        "Viable帮助公司从客户反馈中获得洞察力。",
    ),
    _company(
        "Sana Labs",
        "application_builder",
        "Learning",
        "Sana Labs是人工智能学习开发和应用的全球领导者。",
    ),
    {"name": "Coatue", "kind": "investor", "thesis_role": "investor", "categories": ["Investors"]},
    {
        "name": "Lightspeed Venture Partners",
        "kind": "investor",
        "thesis_role": "investor",
        "categories": ["Investors"],
    },
    {"name": "Insight Partners", "kind": "investor", "thesis_role": "investor"},
]

PRODUCTS = [
    {
        "company": "OpenAI",
        "name": "ChatGPT",
        "launched": "2022-11-30",
        "cite": [{"source": "latimes", "quote": "ChatGPT, released in late November"}],
    },
    {
        "company": "Notion",
        "name": "Notion AI",
        "launched": "2022-11-16",
        "notes": "Introducing Notion AI",
    },
]

MODELS = [
    {
        "name": "GPT-1",
        "developer": "OpenAI",
        "released": "2018-06",
        "notes": "GPT 1 / 2 / 3：预测人类下一步要说什么（无监督学习）",
    },
    {
        "name": "GPT-2",
        "developer": "OpenAI",
        "parent": "GPT-1",
        "released": "2019-02",
        "notes": "GPT 1 / 2 / 3：预测人类下一步要说什么（无监督学习）",
    },
    {
        "name": "InstructGPT",
        "developer": "OpenAI",
        "parent": "GPT-3",
        "released": "2022-01",
        "notes": "InstructGPT：给出符合人类审美的AI回答",
    },
    {
        "name": "GPT-3.5",
        "developer": "OpenAI",
        "parent": "InstructGPT",
        "released": "2022-03",
        "notes": "ChatGPT基于GPT3.5（InstructGPT的一部分）",
    },
    {
        "name": "Stable Diffusion",
        "developer": "Stability AI",
        "released": "2022-08",
        "modality": "image",
        "open_weights": True,
        "cite": [{"source": "venturebeat-stability", "quote": "Stable Diffusion"}],
    },
]

# Parents the seed's own models may lack: (model, parent).
LINEAGE = [("GPT-3", "GPT-2"), ("ChatGPT", "GPT-3.5")]

FUNDING_ROUNDS = [
    {
        "company": "Jasper",
        "announced": "2022-10-18",
        "round_type": "series_a",
        "amount": 125_000_000,
        "currency": "USD",
        "amount_usd": 125_000_000,
        "post_money_usd": 1_500_000_000,
        "investors": [{"name": "Insight Partners", "lead": True}, "Coatue"],
        "cite": [{"source": "jasper-information", "quote": "Jasper raised $125M"}],
    },
    {
        "company": "Stability AI",
        "announced": "2022-10-17",
        "round_type": "seed",
        "amount": 101_000_000,
        "currency": "USD",
        "amount_usd": 101_000_000,
        "post_money_usd": 1_000_000_000,
        "investors": [
            {"name": "Coatue", "lead": True},
            {"name": "Lightspeed Venture Partners", "lead": True},
        ],
        "cite": [{"source": "venturebeat-stability", "quote": "raises $101M"}],
    },
    {
        "company": "Mem",
        "announced": "2022-11",
        "round_type": "series_a",
        "amount": 23_500_000,
        "currency": "USD",
        "amount_usd": 23_500_000,
        "investors": [{"name": "OpenAI Startup Fund", "lead": True}],
        "cite": [{"source": "tech-brew", "quote": "led a $23.5 million round"}],
    },
    {
        "company": "Harvey",
        "announced": "2022-11",
        "round_type": "seed",
        "amount": 5_000_000,
        "currency": "USD",
        "amount_usd": 5_000_000,
        "investors": [{"name": "OpenAI Startup Fund", "lead": True}],
        "cite": [{"source": "tech-brew", "quote": "led a $5 million round"}],
    },
    {
        "company": "OpenAI",
        "announced": "2021",
        "round_type": "corporate_round",
        "status": "reported",
        "investors": ["Microsoft"],
        "cite": [{"source": "latimes", "quote": "Microsoft invested again in 2021"}],
    },
    {
        "company": "OpenAI",
        "announced": "2023-01-23",
        "round_type": "corporate_round",
        "status": "reported",
        "amount": 10_000_000_000,
        "currency": "USD",
        "amount_usd": 10_000_000_000,
        "investors": [{"name": "Microsoft", "lead": True}],
        "cite": [{"source": "latimes", "quote": "multiyear, multibillion-dollar investment"}],
    },
]

MODEL_USES = [
    {"model": "GPT-3", "company": "Keeper Tax", "how": "fine_tunes", "notes": "通过定制 GPT-3"},
    {"model": "GPT-3", "company": "Viable", "how": "fine_tunes", "notes": "通过定制 GPT-3"},
    {
        "model": "GPT-3",
        "company": "Sana Labs",
        "how": "fine_tunes",
        "notes": "通过使用他们的数据定制 GPT-3",
    },
    {
        "model": "GPT-3",
        "company": "Jasper",
        "how": "calls_api",
        "cite": [{"source": "jasper-information", "quote": "built on GPT-3"}],
    },
    {
        "model": "GPT-3",
        "company": "Notion",
        "product": "Notion AI",
        "how": "calls_api",
        "cite": [{"source": "notion-blog", "quote": "built with OpenAI"}],
    },
    {
        "model": "Stable Diffusion",
        "company": "Stability AI",
        "how": "trains_own",
        "cite": [{"source": "venturebeat-stability", "quote": "Stable Diffusion"}],
    },
]


def _metric(company: str, name: str, value: float, unit: str, as_of: str, **extra: Any) -> dict:
    return {"company": company, "name": name, "value": value, "unit": unit, "as_of": as_of} | extra


METRICS = [
    _metric(
        "OpenAI",
        "users",
        1_000_000,
        "count",
        "2022-12-05",
        product="ChatGPT",
        label="ChatGPT users",
        notes="12.05 ChatGPT的用户数已经突破百万！",
    ),
    _metric(
        "Notion",
        "waitlist",
        2_000_000,
        "count",
        "2023-02-22",
        product="Notion AI",
        label="Notion AI waitlist",
        cite=[{"source": "notion-blog", "quote": "over 2 million people joined the waitlist"}],
    ),
    _metric(
        "Jasper",
        "revenue",
        40_000_000,
        "USD",
        "2022-06",
        approximate=True,
        label="annual revenue after eight months",
        notes="据说八个月做到 $40m 年收入",
    ),
    _metric(
        "Jasper",
        "revenue",
        60_000_000,
        "USD",
        "2022-12",
        approximate=True,
        label="revenue expected for 2022",
        cite=[{"source": "jasper-information", "quote": "revenue expected around $60M"}],
    ),
    _metric("Keeper Tax", "accuracy", 85, "percent", "2021-09", notes="准确率从 85% 提高到 93%"),
    _metric("Keeper Tax", "accuracy", 93, "percent", "2022-01", notes="准确率从 85% 提高到 93%"),
    _metric(
        "Keeper Tax",
        "accuracy_gain",
        1,
        "pp/week",
        "2022-01",
        notes="每周准确率提高约 1%",
    ),
    _metric("Viable", "accuracy", 66, "percent", "2021-09", notes="准确率从 66% 提高到 90%"),
    _metric("Viable", "accuracy", 90, "percent", "2022-01", notes="准确率从 66% 提高到 90%"),
    _metric("Sana Labs", "improvement", 60, "percent", "2022-01", notes="这产生了 60% 的改进"),
]

EVENTS = [
    {
        "date": "2018-06",
        "kind": "release",
        "company": "OpenAI",
        "model": "GPT-1",
        "title": "GPT-1 released",
        "notes": "GPT 1 / 2 / 3：预测人类下一步要说什么（无监督学习）",
    },
    {
        "date": "2022-08",
        "kind": "release",
        "company": "Stability AI",
        "model": "Stable Diffusion",
        "title": "Stable Diffusion released to the public",
        "cite": [{"source": "venturebeat-stability", "quote": "Stable Diffusion"}],
    },
    {
        "date": "2022-10-17",
        "kind": "funding",
        "company": "Stability AI",
        "title": "Stability AI raises $101M",
        "cite": [{"source": "venturebeat-stability", "quote": "raises $101M"}],
    },
    {
        "date": "2022-10-18",
        "kind": "funding",
        "company": "Jasper",
        "title": "Jasper raises $125M at a $1.5B valuation",
        "cite": [{"source": "jasper-information", "quote": "Jasper raised $125M"}],
    },
    {
        "date": "2023-01-23",
        "kind": "funding",
        "company": "OpenAI",
        "title": "Microsoft's multiyear, multibillion-dollar investment in OpenAI",
        "cite": [{"source": "latimes", "quote": "multiyear, multibillion-dollar investment"}],
    },
]

CLAIMS = [
    {
        "statement": CHANNEL_QUOTE,
        "summary_en": "Distribution may win: whoever owns the traffic owns the users.",
        "topic": "channel_vs_model",
        "stance": "favours_channel",
        "companies": ["Notion"],
        "notes": CHANNEL_QUOTE,
    },
    {
        "statement": APPLICATIONS_QUOTE,
        "summary_en": "The projects that push the limits may be applications feeding models back.",
        "topic": "channel_vs_model",
        "stance": "favours_applications",
        "speaker": "Nat Friedman (ex-GitHub CEO)",
        "notes": APPLICATIONS_QUOTE,
    },
    {
        "statement": "生成模型更像是咨询公司而不是 SaaS 公司。",
        "summary_en": "Generative model makers are more like consultancies than SaaS companies.",
        "topic": "channel_vs_model",
        "stance": "favours_model",
        "speaker": "Stability AI's CEO",
        "companies": ["Stability AI"],
        "notes": STABILITY_QUOTE,
    },
]

PLAN = [
    (SeedLoader.load_sources, SOURCES),
    (SeedLoader.load_categories, CATEGORIES),
    (SeedLoader.load_companies, COMPANIES),
    (SeedLoader.load_products, PRODUCTS),
    (SeedLoader.load_models, MODELS),
    (SeedLoader.load_funding_rounds, FUNDING_ROUNDS),
    (SeedLoader.load_model_uses, MODEL_USES),
    (SeedLoader.load_metrics, METRICS),
    (SeedLoader.load_events, EVENTS),
    (SeedLoader.load_claims, CLAIMS),
]


def _link_lineage(loader: SeedLoader) -> None:
    for name, parent in LINEAGE:
        model = loader.session.execute(
            select(m.AIModel).where(m.AIModel.name_key == normalize_name(name))
        ).scalar_one()
        if model.parent_id is None:
            model.parent_id = loader.id_by_name(m.AIModel, parent)


def add_rich_rows(url: str) -> None:
    """Add the rows above to the (seeded) database at ``url``; running it twice adds nothing."""
    with db.session_scope(url) as session:
        loader = SeedLoader(session, Path("."))
        for method, entries in PLAN:
            for entry in entries:
                method(loader, dict(entry))
            if method is SeedLoader.load_models:
                _link_lineage(loader)


# ---------------------------------------------------------------- reading pages in AppTest


def page(name: str) -> AppTest:
    """An AppTest of one dashboard page, opened through the router."""
    return open_page(name)


def chart_specs(at: AppTest) -> dict[str, dict[str, Any]]:
    """The Vega-Lite spec of every chart on the page, by title."""
    specs = {}
    for element in at.get("vega_lite_chart"):
        spec = json.loads(element.proto.spec)
        title = spec.get("title", "")
        specs[title["text"] if isinstance(title, dict) else title] = spec
    return specs


def chart_data(at: AppTest, title: str, column: str) -> pd.DataFrame:
    """The rows behind the chart called ``title``: its dataset that has ``column``."""
    for element in at.get("vega_lite_chart"):
        spec = json.loads(element.proto.spec)
        found = spec.get("title", "")
        if (found["text"] if isinstance(found, dict) else found) != title:
            continue
        for dataset in element.proto.datasets:
            frame = convert_arrow_bytes_to_pandas_df(dataset.data.data)
            if column in frame.columns:
                return frame
        raise AssertionError(f"chart {title!r} has no dataset with {column!r}")
    raise AssertionError(f"no chart titled {title!r}; there are {list(chart_specs(at))}")
