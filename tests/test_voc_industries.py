"""Industries on reports nobody tuned on (issue 12): lists closed by their own
count, figures reported clause by clause, standard class names.  Excerpts invented."""

from .conftest import extract_text, names


def industries(text: str) -> set[str]:
    return names(extract_text(text), "Industry")


def test_a_list_closed_by_its_count_gives_every_item_in_full():
    got = industries("巩固提升高端数控刀具、氢燃料储运装备、新能源电池三大主导产业,力争产值突破800亿元。")
    assert {"高端数控刀具", "氢燃料储运装备", "新能源电池"} <= got
    assert not got & {"新能源", "电池", "巩固提升高端数控刀具"}


def test_count_must_match_the_items():
    # two items and 三大: the list is not what the count closes
    got = industries("推动招商引资、营商环境三大领域改革。")
    assert not got & {"招商引资", "营商环境"}


def test_weak_heads_need_an_item_the_vocabulary_knows():
    assert {"碳纤维复材", "氢能"} <= industries("围绕碳纤维复材、氢能两大方向引进项目11个。")
    assert not industries("围绕稳增长、促改革两大方向开展工作。") & {"稳增长", "促改革"}


def test_clauses_reporting_figures_type_their_siblings():
    got = industries("分行业看,纺织业增长6.1%,再生金属增长8.9%,竹木制品增长4.2%,家具和造纸分别增长3.1%和2.0%。")
    assert {"再生金属", "竹木制品", "家具", "造纸"} <= got
    assert "再生金属" not in names(extract_text("分行业看,纺织业增长6.1%,再生金属增长8.9%,造纸增长2.0%。"), "Enterprise")


def test_clauses_of_metrics_and_places_are_not_industries():
    got = industries("全县工业投资增长18.5%,规上工业增加值增长8.7%,纺织业增长6.1%,家具增长3.2%,石桥镇增长4%。")
    assert not got & {"工业投资", "规上工业", "石桥镇", "全县工业投资"}


def test_standard_class_short_forms():
    assert {"蓄电池"} <= industries("蓄电池行业产能过剩,部分企业停产。")


def test_figures_reported_across_semicolons_and_chains_of_known_forms():
    got = industries("其中竹编工艺产业产值80亿元,增长7.5%;家具产业增长5.2%;造纸产业增长4.1%;建材陶瓷产业下降2.6%。")
    assert {"竹编工艺", "建材陶瓷"} <= {n.removesuffix("产业") for n in got}
    assert not got & {"建材", "陶瓷"}


def test_a_verb_before_a_tracked_industry_is_no_part_of_it():
    got = industries("力争白酒产业产值突破120亿元,引导企业布局配套产业。")
    assert not any(n.startswith(("力争", "布局")) for n in got)


def test_a_scale_before_an_industry_leaves_it_whole():
    got = labels_of("打造千亿级电子信息产业集群和百亿级绿色食品产业集群。")
    assert {"电子信息产业", "绿色食品"} <= got


def labels_of(text: str) -> set[str]:
    f = extract_text(text)
    return {x for e in f.entities if e.type == "Industry" for x in (e.name, *e.aliases)}


def test_two_clauses_of_sectors_by_their_tail_need_one_known():
    got = industries("其中,煤炭工业增长2.1%,非煤工业增长9.7%。")
    assert {"煤炭工业", "非煤工业"} <= got
    assert "全区工业" not in industries("全区工业增长3%,纺织业增长2%。")
