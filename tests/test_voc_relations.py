"""Relations whose ends are programs, documents and partners listed (issue 12):
firms listed before the program they build toward, firms listed after 其中包括,
each partner of a list after 与, a document named after …出台的.  Excerpts invented."""

from .conftest import extract_text


def rels(text: str) -> set[tuple[str, str, str]]:
    f = extract_text(text)
    ents = f.entities
    return {(ents[r.head].name, r.rel, ents[r.tail].name) for r in f.relations}


def test_firms_listed_before_the_title_they_build_toward():
    got = rels("支持金禾电器、华屹精密2家企业创建“灯塔工厂”。")
    assert {("金禾电器", "participatesIn", "灯塔工厂"), ("华屹精密", "participatesIn", "灯塔工厂")} <= got


def test_firms_after_qizhong_baokuo_take_part():
    got = rels("新增国家级绿色工厂2家,其中包括金禾电器公司和华屹精密。")
    assert {("金禾电器公司", "participatesIn", "绿色工厂"), ("华屹精密", "participatesIn", "绿色工厂")} <= got


def test_each_partner_listed_after_yu_cooperates():
    got = rels("恒钧精工与湘南理工学院、南岭职业技术学院签订产学研合作协议。")
    pairs = {frozenset((h, t)) for h, r, t in got if r == "cooperatesWith"}
    assert {frozenset(("恒钧精工", "湘南理工学院")), frozenset(("恒钧精工", "南岭职业技术学院"))} <= pairs


def test_document_named_after_chutai_de_and_its_issuer():
    f = extract_text("落实市政府出台的青山区促进制造业发展二十条(青政发〔2024〕5号),开展“三服务”活动。")
    docs = [e for e in f.entities if e.type == "PolicyDocument"]
    assert [d.name for d in docs] == ["青山区促进制造业发展二十条"]
    assert "青政发〔2024〕5号" in docs[0].aliases
    ents = f.entities
    assert ("青山区促进制造业发展二十条", "issuedBy", "市政府") in {
        (ents[r.head].name, r.rel, ents[r.tail].name) for r in f.relations}


def test_no_partner_whose_name_runs_on_into_the_act():
    got = rels("恒钧精工与湘南理工学院、南岭职业技术学院共建智能制造研究院。")
    assert not any("共建" in t or "共建" in h for h, r, t in got if r == "cooperatesWith")
