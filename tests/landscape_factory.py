# ruff: noqa: E501  (the data tables read best one row per line)
"""A small, realistic landscape for the dashboard's tests, independent of the seed.

``add_landscape(session)`` writes it into an empty, migrated database and returns the rows by
name, so a test computes what it expects from these rows instead of hard-coding it. Facts
cited to the notes quote the founding notes; the others cite articles listed in
``shared/notes/facts-beyond-the-notes.md`` with short test quotes (the seed holds the checked
ones). ``landscape_url`` is a migrated database holding it.
"""

import datetime as dt
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url
from sqlmodel import Session, SQLModel

from landscape import db
from landscape import models as m
from landscape.config import DATABASE_URL_ENV

from .conftest import _forget_engine as forget_engine
from .conftest import _postgres_database as postgres_database
from .conftest import _postgres_server as postgres_server


@dataclass
class Landscape:
    """The rows written, by name, for tests to reason about."""

    sources: dict[str, m.Source] = field(default_factory=dict)
    categories: dict[str, m.Category] = field(default_factory=dict)
    companies: dict[str, m.Company] = field(default_factory=dict)
    products: dict[str, m.Product] = field(default_factory=dict)
    models: dict[str, m.AIModel] = field(default_factory=dict)
    rounds: list[m.FundingRound] = field(default_factory=list)
    citations: list[m.Citation] = field(default_factory=list)


class _Writer:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.rows = Landscape()

    def add(self, row: SQLModel) -> Any:
        self.session.add(row)
        self.session.flush()
        return row

    def cite(self, source: str, quote: str, **subject: int | None) -> None:
        citation = self.add(
            m.Citation(
                source_id=self.rows.sources[source].id,
                quote=quote,
                quote_language=self.rows.sources[source].language,
                **subject,
            )
        )
        self.rows.citations.append(citation)


# What the ``landscape`` fixture gives: the database URL and the rows written into it.
LandscapeDB = tuple[str, Landscape]


def add_landscape(session: Session) -> Landscape:
    """Write the test landscape in ``session`` (flushed, not committed) and return its rows."""
    w = _Writer(session)
    _sources(w)
    _categories(w)
    _companies(w)
    _products(w)
    _models(w)
    _funding(w)
    _facts_over_time(w)
    _claims(w)
    return w.rows


def _sources(w: _Writer) -> None:
    for key, source in {
        "notes": m.Source(
            title="ChatGPT、OpenAI与AIGC市场：一个爱好者的商业笔记",
            kind=m.SourceKind.notes,
            language="zh",
            locator="shared/notes/000_ae0130696a091c33.txt",
        ),
        "venturebeat": m.Source(
            title="Stable Diffusion creator Stability AI raises $101M funding",
            url="https://venturebeat.com/ai/stable-diffusion-creator-stability-ai-raises-101m-funding-to-accelerate-open-source-ai/",
            publisher="VentureBeat",
            kind=m.SourceKind.article,
            language="en",
        ),
        "techbrew": m.Source(
            title="OpenAI is also a startup investor. Here's its investment thesis",
            url="https://www.emergingtechbrew.com/stories/2022/12/05/openai-is-also-a-startup-investor-here-s-its-investment-thesis",
            publisher="Emerging Tech Brew",
            kind=m.SourceKind.article,
            language="en",
        ),
        "notion": m.Source(
            title="Behind the scenes of Notion AI",
            url="https://www.notion.so/blog/behind-the-scenes-notion-ai",
            publisher="Notion",
            kind=m.SourceKind.official_page,
            language="en",
        ),
    }.items():
        w.rows.sources[key] = w.add(source)


def _categories(w: _Writer) -> None:
    tree = [
        ("Foundation models", "大模型", None, 1),
        ("Text", "文本", None, 2),
        ("Copywriting", "文案写作", "Text", 1),
        ("Legal work", "法律文件整理", "Text", 2),
        ("Personal assistants", "个人助手", "Text", 3),
        ("Image", "图像", None, 3),
        ("Image generation", "图像生成", "Image", 1),
        ("Video and audio", "视频与音频", None, 4),
        ("Video editing", "视频剪辑", "Video and audio", 1),
        ("Language learning", "AI语言老师", None, 5),
    ]
    for name, label_zh, parent, position in tree:
        parent_id = w.rows.categories[parent].id if parent else None
        w.rows.categories[name] = w.add(
            m.Category(name=name, label_zh=label_zh, parent_id=parent_id, position=position)
        )


def _company(w: _Writer, categories: list[str], **values: Any) -> m.Company:
    company = w.add(m.Company(**values))
    for category in categories:
        w.add(m.CompanyCategory(company_id=company.id, category_id=w.rows.categories[category].id))
    w.rows.companies[company.name] = company
    return company


def _companies(w: _Writer) -> None:
    openai = _company(
        w,
        ["Foundation models"],
        name="OpenAI",
        kind=m.CompanyKind.research_lab,
        founded_on=dt.date(2015, 10, 1),
        founded_precision="quarter",
        hq_city="San Francisco",
        hq_country="US",
        thesis_role=m.ThesisRole.model_builder,
        homepage="https://openai.com",
        description="AI research lab made of the capped-profit OpenAI LP and OpenAI Inc.",
    )
    w.cite(
        "notes",
        "该组织于2015年底由埃隆·马斯克（Elon Musk），萨姆·奥尔特曼（Sam Altman）和其他人在旧金山成立",
        company_id=openai.id,
    )
    microsoft = _company(
        w,
        [],
        name="Microsoft",
        kind=m.CompanyKind.corporate,
        hq_country="US",
        thesis_role=m.ThesisRole.channel_owner,
    )
    w.cite("notes", "微软公司宣布向该公司投资10 亿美元", company_id=microsoft.id)
    fund = _company(
        w,
        [],
        name="OpenAI Startup Fund",
        kind=m.CompanyKind.investor,
        thesis_role=m.ThesisRole.investor,
        parent_id=openai.id,
    )
    w.cite("notes", "OpenAI Startup Fund(100M): 微软是金主爸爸之一", company_id=fund.id)
    for name, category, quote in [
        ("Descript", "Video editing", "Descript：让视频编辑像文字一样简单（产品已经推出）"),
        ("Harvey", "Legal work", "Harvey：法律工作者的research/drafting/analysis工具"),
        ("Mem", "Personal assistants", "Mem：个人助手，收集互联网上最相关的信息"),
        ("Speak", "Language learning", "Speak：AI语言老师"),
    ]:
        company = _company(
            w,
            [category],
            name=name,
            kind=m.CompanyKind.startup,
            thesis_role=m.ThesisRole.application_builder,
            hq_country="US",
        )
        w.cite("notes", quote, company_id=company.id)
    jasper = _company(
        w,
        ["Copywriting"],
        name="Jasper",
        kind=m.CompanyKind.startup,
        founded_on=dt.date(2021, 1, 1),
        founded_precision="year",
        hq_city="Austin",
        hq_country="US",
        thesis_role=m.ThesisRole.application_builder,
    )
    w.cite("notes", "Jasper.ai: 陈词滥调广告生成", company_id=jasper.id)
    stability = _company(
        w,
        ["Foundation models", "Image generation"],
        name="Stability AI",
        kind=m.CompanyKind.startup,
        founded_on=dt.date(2020, 1, 1),
        founded_precision="year",
        hq_city="London",
        hq_country="GB",
        thesis_role=m.ThesisRole.model_builder,
    )
    w.cite("notes", "Stability.AI（Stable Diffusion母公司）", company_id=stability.id)
    notion = _company(
        w,
        [],
        name="Notion",
        kind=m.CompanyKind.startup,
        founded_on=dt.date(2013, 1, 1),
        founded_precision="year",
        hq_city="San Francisco",
        hq_country="US",
        thesis_role=m.ThesisRole.channel_owner,
    )
    w.cite("notes", "大模型的应用可能还是渠道为王——谁拥有流量，谁就拥有用户", company_id=notion.id)
    # Investors known only from the public record.
    for name in ("Coatue", "Lightspeed Venture Partners"):
        investor = _company(
            w, [], name=name, kind=m.CompanyKind.investor, thesis_role=m.ThesisRole.investor,
            hq_country="US",
        )  # fmt: skip
        w.cite(
            "venturebeat", "led by Coatue and Lightspeed Venture Partners", company_id=investor.id
        )
    w.add(m.Person(name="Sam Altman", title="CEO", company_id=openai.id))
    w.add(m.Person(name="Emad Mostaque", title="CEO", company_id=stability.id))


def _products(w: _Writer) -> None:
    c = w.rows.companies
    for company, name, category, launched, quote, source in [
        ("OpenAI", "ChatGPT", "Personal assistants", dt.date(2022, 11, 30), "2022.11 发布ChatGPT，支持多轮语义模型", "notes"),
        ("Notion", "Notion AI", "Copywriting", dt.date(2022, 11, 16), "over 2 million people joined the waitlist", "notion"),
        ("Stability AI", "DreamStudio", "Image generation", dt.date(2022, 8, 1), "Stable Diffusion", "venturebeat"),
    ]:  # fmt: skip
        product = w.add(
            m.Product(
                name=name,
                company_id=c[company].id,
                launched_on=launched,
                launched_precision="day" if launched.day > 1 else "month",
            )
        )
        w.add(m.ProductCategory(product_id=product.id, category_id=w.rows.categories[category].id))
        w.rows.products[name] = product
        w.cite(source, quote, product_id=product.id)


def _models(w: _Writer) -> None:
    c = w.rows.companies
    lineage = [
        # name, developer, parent, released, precision, modality, open, source, quote
        ("GPT-1", "OpenAI", None, dt.date(2018, 6, 1), "month", "text", False, "notes", "GPT 1 / 2 / 3：预测人类下一步要说什么（无监督学习）"),
        ("GPT-2", "OpenAI", "GPT-1", dt.date(2019, 2, 1), "month", "text", True, "notes", "GPT 1 / 2 / 3：预测人类下一步要说什么（无监督学习）"),
        ("GPT-3", "OpenAI", "GPT-2", dt.date(2020, 6, 1), "month", "text", False, "notes", "2020.06 OpenAI 发布了GPT-3"),
        ("InstructGPT", "OpenAI", "GPT-3", dt.date(2022, 1, 1), "month", "text", False, "notes", "InstructGPT：给出符合人类审美的AI回答"),
        ("GPT-3.5", "OpenAI", "InstructGPT", dt.date(2022, 3, 1), "month", "text", False, "notes", "ChatGPT基于GPT3.5（InstructGPT的一部分）"),
        ("ChatGPT", "OpenAI", "GPT-3.5", dt.date(2022, 11, 30), "day", "text", False, "notes", "2022.11 发布ChatGPT，支持多轮语义模型"),
        ("DALL-E", "OpenAI", None, dt.date(2021, 1, 1), "month", "image", False, "notes", "2021.01 OpenAI 推出了DALL-E。"),
        ("DALL·E 2", "OpenAI", "DALL-E", dt.date(2022, 4, 1), "month", "image", False, "notes", "一年后，他们的最新系统 DALL·E 2 生成了更逼真、更准确的图像"),
        ("Stable Diffusion", "Stability AI", None, dt.date(2022, 8, 1), "month", "image", True, "venturebeat", "Stable Diffusion"),
    ]  # fmt: skip
    for (
        name,
        developer,
        parent,
        released,
        precision,
        modality,
        open_weights,
        source,
        quote,
    ) in lineage:
        model = w.add(
            m.AIModel(
                name=name,
                developer_id=c[developer].id,
                parent_id=w.rows.models[parent].id if parent else None,
                released_on=released,
                released_precision=precision,
                modality=modality,
                open_weights=open_weights,
            )
        )
        w.rows.models[name] = model
        w.cite(source, quote, model_id=model.id)
    price = w.add(
        m.ModelPrice(
            model_id=w.rows.models["GPT-3.5"].id,
            label="Davinci usage",
            price=0.02,
            unit="750 words",
            as_of=dt.date(2023, 2, 1),
            as_of_precision="month",
        )
    )
    w.cite(
        "notes",
        "使用OpenAI最强大的语言模型Davinci（GPT-3.5系列）：750字 2美分",
        model_price_id=price.id,
    )
    for model, company, product, how, source, quote in [
        ("GPT-3", "Jasper", None, m.UseKind.calls_api, "notes", "Jasper.ai: 陈词滥调广告生成"),
        ("GPT-3.5", "Notion", "Notion AI", m.UseKind.calls_api, "notion", "Notion AI"),
        ("GPT-3", "Harvey", None, m.UseKind.fine_tunes, "techbrew", "Harvey"),
        ("Stable Diffusion", "Stability AI", "DreamStudio", m.UseKind.trains_own, "venturebeat", "Stable Diffusion"),
    ]:  # fmt: skip
        use = w.add(
            m.ModelUse(
                model_id=w.rows.models[model].id,
                company_id=None if product else c[company].id,
                product_id=w.rows.products[product].id if product else None,
                how=how,
            )
        )
        w.cite(source, quote, model_use_id=use.id)


def _funding(w: _Writer) -> None:
    c = w.rows.companies
    rounds = [
        # company, date, type, amount_usd, investors (name, lead), source, quote
        ("OpenAI", dt.date(2019, 1, 1), "year", m.RoundType.corporate_round, 1_000_000_000, [("Microsoft", True)], "notes", "微软公司宣布向该公司投资10 亿美元"),
        ("Stability AI", dt.date(2022, 10, 1), "month", m.RoundType.series_a, 101_000_000, [("Coatue", True), ("Lightspeed Venture Partners", True)], "venturebeat", "Stability AI raises $101M"),
        ("Mem", dt.date(2022, 11, 1), "month", m.RoundType.series_a, 23_500_000, [("OpenAI Startup Fund", True)], "techbrew", "led a $23.5M round"),
        ("Harvey", dt.date(2022, 11, 1), "month", m.RoundType.seed, 5_000_000, [("OpenAI Startup Fund", True)], "techbrew", "led a $5M round"),
        ("Descript", dt.date(2022, 12, 1), "day", m.RoundType.unknown, None, [("OpenAI Startup Fund", False)], "notes", "12.1投资的四个AI项目"),
    ]  # fmt: skip
    for company, day, precision, kind, amount, investors, source, quote in rounds:
        row = w.add(
            m.FundingRound(
                company_id=c[company].id,
                announced_on=day,
                announced_precision=precision,
                round_type=kind,
                amount=amount,
                currency="USD" if amount else None,
                amount_usd=amount,
            )
        )
        w.rows.rounds.append(row)
        w.cite(source, quote, funding_round_id=row.id)
        for investor, lead in investors:
            investment = w.add(
                m.Investment(funding_round_id=row.id, investor_id=c[investor].id, is_lead=lead)
            )
            w.cite(source, quote, investment_id=investment.id)


def _facts_over_time(w: _Writer) -> None:
    c = w.rows.companies
    users = w.add(
        m.Metric(
            name=m.MetricName.users,
            label="ChatGPT users",
            value=1_000_000,
            unit=m.MetricUnit.count,
            as_of=dt.date(2022, 12, 5),
            as_of_precision="day",
            product_id=w.rows.products["ChatGPT"].id,
        )
    )
    w.cite("notes", "12.05 ChatGPT的用户数已经突破百万！", metric_id=users.id)
    revenue = w.add(
        m.Metric(
            name=m.MetricName.revenue,
            label="Annual revenue",
            value=40_000_000,
            unit=m.MetricUnit.usd,
            approximate=True,
            as_of=dt.date(2022, 1, 1),
            as_of_precision="year",
            company_id=c["Jasper"].id,
        )
    )
    w.cite("notes", "据说八个月做到 $40m 年收入，是史上增长最快的 SaaS。", metric_id=revenue.id)
    for company, day, precision, kind, title, model, source, quote in [
        ("OpenAI", dt.date(2015, 10, 1), "quarter", m.EventKind.founding, "OpenAI founded", None, "notes", "该组织于2015年底由埃隆·马斯克（Elon Musk），萨姆·奥尔特曼（Sam Altman）和其他人在旧金山成立"),
        ("OpenAI", dt.date(2020, 6, 1), "month", m.EventKind.release, "GPT-3 released", "GPT-3", "notes", "2020.06 OpenAI 发布了GPT-3"),
        ("OpenAI", dt.date(2022, 11, 30), "day", m.EventKind.release, "ChatGPT released", "ChatGPT", "notes", "2022.11 发布ChatGPT，支持多轮语义模型"),
        ("Stability AI", dt.date(2022, 8, 1), "month", m.EventKind.release, "Stable Diffusion released", "Stable Diffusion", "venturebeat", "Stable Diffusion"),
    ]:  # fmt: skip
        event = w.add(
            m.Event(
                company_id=c[company].id,
                occurred_on=day,
                occurred_precision=precision,
                kind=kind,
                title=title,
                model_id=w.rows.models[model].id if model else None,
            )
        )
        w.cite(source, quote, event_id=event.id)


def _claims(w: _Writer) -> None:
    claim = w.add(
        m.Claim(
            statement="大模型的应用可能还是渠道为王——谁拥有流量，谁就拥有用户，拥有潜在的收入场景。",
            summary_en="Owning the channel beats owning the model: who owns the traffic owns the users.",
            topic="channel_vs_model",
            stance=m.ClaimStance.favours_channel,
        )
    )
    for company in ("Notion", "Microsoft"):
        w.add(m.ClaimCompany(claim_id=claim.id, company_id=w.rows.companies[company].id))
    w.cite("notes", "大模型的应用可能还是渠道为王——谁拥有流量，谁就拥有用户", claim_id=claim.id)


def _write_landscape(url: str) -> Landscape:
    db.upgrade_db(url)
    with Session(db.get_engine(url), expire_on_commit=False) as session:
        rows = add_landscape(session)
        session.commit()
    return rows


@pytest.fixture(scope="session")
def landscape_sqlite_template(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, Landscape]:
    """A SQLite file holding the test landscape, built once per session and copied per test."""
    path = tmp_path_factory.mktemp("landscape") / "landscape.db"
    url = f"sqlite:///{path}"
    rows = _write_landscape(url)
    forget_engine(url)  # closing the last connection folds the WAL into the file
    return path, rows


@pytest.fixture(scope="session")
def landscape_postgres_template() -> Iterator[tuple[str, Landscape]]:
    """A PostgreSQL database holding the test landscape, used as a template per test."""
    with postgres_database(postgres_server()) as url:
        rows = _write_landscape(url)
        forget_engine(url)
        yield str(make_url(url).database), rows


@pytest.fixture
def landscape(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[LandscapeDB]:
    """(URL, rows) of a fresh copy of a migrated database holding the test landscape.

    The rows are shared by every test: read them, never change them.
    """
    if backend == "sqlite":
        template, rows = request.getfixturevalue("landscape_sqlite_template")
        path = tmp_path / "landscape.db"
        shutil.copyfile(template, path)
        url = f"sqlite:///{path}"
        yield url, rows
        forget_engine(url)
        return
    name, rows = request.getfixturevalue("landscape_postgres_template")
    with postgres_database(postgres_server(), template=name) as url:
        yield url, rows


@pytest.fixture
def landscape_app(landscape: LandscapeDB, monkeypatch: pytest.MonkeyPatch) -> Landscape:
    """The test landscape's rows, with the dashboard pointed at its database."""
    url, rows = landscape
    monkeypatch.setenv(DATABASE_URL_ENV, url)
    return rows


@pytest.fixture
def lone_company_app(migrated_url: str, monkeypatch: pytest.MonkeyPatch) -> int:
    """A database holding one company and nothing else (every other table empty), opened by
    the dashboard; returns the company's id."""
    with Session(db.get_engine(migrated_url)) as session:
        company = m.Company(name="Solo Labs")
        session.add(company)
        session.commit()
        company_id = int(company.id or 0)
    monkeypatch.setenv(DATABASE_URL_ENV, migrated_url)
    return company_id
