"""Headings glued to their bodies (one-line web copies with the spaces removed)."""

from __future__ import annotations

import json

from fzanalyzer.model import Meta
from fzanalyzer.segment import segment
from fzanalyzer.segment.titlecut import fit_title_cut, model_path, title_cut


def test_short_title_cut_before_the_body_clause():
    # the body opens a new clause with a verb, a subject or a time word
    assert "健全依法决策机制严格落实重大行政决策程序"[
        : title_cut("健全依法决策机制严格落实重大行政决策程序")
    ] == ("健全依法决策机制")
    # unsure between a short cut and longer ones, the cut is long: it never cuts into the title
    glued = "深化法治宣传教育县政府常务会议全年学法12次"
    assert glued[: title_cut(glued)].startswith("深化法治宣传教育")


def test_two_clause_title_runs_past_its_comma():
    glued = "加强队伍建设，提升执法人员素质全年组织业务培训6期"
    assert title_cut(glued) > glued.index("，") + 2


def test_part_and_sub_headings_in_a_glued_report():
    """Paragraphs joined with nothing between them: each title stops where its body starts, and
    a part heading keeps the wording that names its part."""
    text = (
        "关于青禾县2021年度法治政府建设情况的报告县人民政府：现将有关情况报告如下。"
        "一、2021年法治政府建设主要举措和成效全县上下认真贯彻落实中央和省、市关于法治政府建设的决策部署，"
        "把法治政府建设纳入全县经济社会发展总体规划，各项工作取得新进展。"
        "（一）深化行政复议体制改革县行政复议局正式挂牌，全年收到复议申请210件，审结196件，"
        "依法纠正违法或不当行政行为14件，行政复议的监督纠错功能进一步发挥。"
        "（二）强化法治督察考核将法治政府建设纳入年度综合考核，开展督察3次，"
        "对发现的问题建立台账、限期整改，整改完成率100%。"
        "二、存在的问题基层执法力量薄弱，执法人员专业素质与改革要求还不适应，部分单位法治建设责任落实不够到位。"
        "三、2022年工作打算（一）加强执法队伍建设开展执法人员全员轮训，选优配强乡镇执法力量。"
        "（二）深化法治宣传教育组织开展“八五”普法中期评估，推动普法责任制落实。"
    )
    secs = segment(text, Meta(year_covered=2021))
    for s in secs:
        assert text[s.title_start : s.title_end] == s.title
    got = [(s.level, s.marker, s.title) for s in secs if s.level >= 1]
    assert got == [
        (1, "一、", "2021年法治政府建设主要举措和成效"),
        (2, "（一）", "深化行政复议体制改革"),
        (2, "（二）", "强化法治督察考核"),
        (1, "二、", "存在的问题"),
        (1, "三、", "2022年工作打算"),
        (2, "（一）", "加强执法队伍建设"),
        (2, "（二）", "深化法治宣传教育组织开展“八五”普法中期评估，推动普法责任制"),
    ]  # the last: unsure, the cut is long (12+ characters), never into the title


def test_paragraph_spaces_keep_lead_phrase_titles_whole():
    """With spaces between paragraphs the title ends at its own stop mark; no model cut."""
    parts = [
        "关于2021年度法治政府建设情况的报告",
        "一、主要举措和成效",
        "（一）规范执法",
        "1.加强行政执法与刑事司法衔接。全年移送涉嫌犯罪案件12件。",
        "2.推进执法信息公示。全年公示信息3200条。",
        "二、存在的不足",
        "执法力量不足。",
    ]
    text = "  ".join(parts * 1)
    text = text + "  " + "全年开展执法检查。" * 40
    secs = segment(text, Meta(year_covered=2021))
    assert [s.title for s in secs if s.marker == "1."] == ["加强行政执法与刑事司法衔接"]


def test_shipped_model_is_what_the_training_data_gives(tmp_path):
    out = tmp_path / "title_cut.json"
    fitted = fit_title_cut(out=out)
    shipped = json.loads(model_path().read_text(encoding="utf-8"))
    assert abs(fitted["intercept"] - shipped["intercept"]) < 1e-3
    assert fitted["weights"].keys() == shipped["weights"].keys()
    assert max(abs(fitted["weights"][k] - shipped["weights"][k]) for k in shipped["weights"]) < 1e-3
