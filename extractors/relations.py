"""Relations the text states plainly, sentence by sentence.

Each relation is a :class:`RelationRecord` between two entity indexes of
``doc._.kg_entities`` with the sentence that states it; patterns follow the
annotation guidelines (participatesIn, undertakes, cooperatesWith, acquiredBy,
issuedBy, locatedIn).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from .base import ENTITIES, alternation, doc_sentences, doc_text, entity_of
from .gazetteer import gazetteer
from .lexicon import TRADE_WORDS
from .resolver import EntityRecord, enterprise_stem, short_forms

_JOIN = re.compile(r"入选|入围|上榜|跻身|获评|评为|认定|列入|纳入|申报|创建|争创|获得|获批|荣获|获|参加|参与|加入|通过|入驻|实施|被|成为|推荐|组织|进入|享受|兑现|利用|现有|等\d+家|等[一二三四五六七八九十]+家")
_SETTLE = re.compile(r"迁入|落户|入驻|位于|坐落|落地|搬迁至|迁至|布局")
_UNDERTAKE = re.compile(r"负责|牵头|承建|实施|承担|建设|投资|开发|推进|完成|开展|启动|签约|新建|扩建|技改|提交|建成|投产|开工|共建|筹建|兴建|打造")
_COOP = re.compile(r"合作|协议|联合|共建|签约|签订|对接|研究|研发|攻关|协同")
_ACT_INSIDE = re.compile(r"共建|签订|签约|合作协议")
_ACQUIRE = re.compile(r"收购|并购|兼并|接收|接管|重组|并入|划入|划归")
# B收购A, B成功兼并重组了A: the buyer first (A acquiredBy B)
_BUYS = re.compile(r"(?:已|已经|先后|成功|正式|顺利|全资|整体|战略性?|拟|将|计划|正在|以[^,。;、]{1,8})*"
                   r"(?:收购|并购|兼并|接管|控股)+(?:重组)?了?")
# A并入B, A整体划归B: the bought first
_JOINS = re.compile(r"(?:已|已经|成功|正式|顺利|整体|全部)*(?:并入|划入|划归)(?:到|至)?")
_ISSUE = re.compile(r"印发|出台|制定|起草|下发|转发|发布|发文|拟定|拟订|制订|修订|发出|编制")
# 《…规划》编制工作, …规划的起草: the document named first, then what the speaker does with it
_ISSUE_AFTER = re.compile(r"[》”]?(?:的)?(?:编制|制定|起草|修订|制订)(?:工作|完成|了|并|,|。)")
# a project the text places: …项目位于|落户|选址 <region>
_PLACED = re.compile(r"(?:已|将|正式|成功)?(?:位于|落户|坐落|坐落于|选址|建在|落地|布局|设在|入驻)(?:在|于|到)?$")
# 在<region>(投资)建设…<project>
_BUILD = re.compile(r"建设|新建|建立|设立|兴建|筹建|打造|布局|落地|投资|实施|启动|开工")
# …项目在某开发区开工建设: the place where work on the project starts or goes on
_STARTS_WORK = re.compile(r"(?:正式|顺利|全面|加快)?(?:开工|动工|建设|开建|落地|投产|竣工|实施)")
_PARK = re.compile(r"(?:园|园区|基地|小镇|集聚区)(?:[一二三四五六七八九十]期)?$")
# what opens a clause that goes on with the previous clause's subject and builds something
_ELIDED_BUILD = re.compile(r"(?:并|同时|还|将|共同|联合)?(?:与[^,;:]{2,30}?)?(?:在[^,;:]{2,20}?)?(?:合作|联合|投资)?"
                           r"(?:共建|建设|新建|打造|筹建|建成|兴建|实施|推进)")
_SUBJECT_LEAD = re.compile(r"(?:[((][一二三四五六七八九十\d]+[))]|[一二三四五六七八九十]是)?(?:推动|支持|鼓励|引导|组织|帮助|促成|指导)?")
_INTO_ZONE = re.compile(r"(?:落户|入驻|进驻)(?:到|在|于)?(?:该|本)?(?:园区|开发区|园内|园中)")
_ZONE_TAKES = re.compile(r"(?:新|今年|全年|累计|共)?(?:入驻|落户|进驻|引进|招引)(?:了)?")
_ZONE_END = re.compile(r"(?:园区|开发区|集中区|集聚区|工业园|产业园|新区)$")
_BUYS_OF = re.compile(r"(?:已|已经|成功|正式|顺利|拟|将|计划)?(?:完成|实现|启动|推进)?(?:了)?对")
_BOUGHT_AFTER = re.compile(r"的?(?:整体|全资|战略性?)?(?:收购|并购|兼并|控股)")
# 授予A公司“县长质量奖”称号: the honour verb stands before the firm
_HONOUR_BEFORE = re.compile(r"(?:授予|命名|认定|评定|评选|表彰)$")
# what stands before 关于 in a title issued by the bodies named there: bodies, places, spaces, 、
_AUTHORS = re.compile(r"(?:(?!转发|印发|批转)[^,。;:“”《》\d]){2,40}")  # 转发X关于…: X wrote the forwarded one
_OPENING = re.compile(r"(?:中共)?[^,。;:“”《》\d]{0,3}")
_AT = re.compile(r"(?:已|已经|将|正式|于\d{1,2}月)?(?:在|于)")
# A(国家级)、B(省级)获评…: a note in brackets after a listed firm keeps the list together
_GROUP_GAP = re.compile(r"(?:[((][^()()]{1,8}[))])?[、和与及]")
_FIRMLIKE = re.compile(f"(?:公司|集团|厂|{alternation(TRADE_WORDS)})$")
# 在X设立|注册|建厂: the enterprise itself settles there (在X建设…项目 places only the project)
_SET_UP = re.compile(r"(?:投资)?(?:新)?(?:设立|注册|成立|建厂|设厂|安家)")
# what may stand between a program and the enterprises bracketed or listed after it
_AFTER_PROGRAM = re.compile(r"[”\"]?(?:企业|单位)?(?:名单)?(?:\d+|[一二三四五六七八九十两]+)?(?:家|户|个)?(?:企业)?")
_LIST_INTRO = re.compile(r"(?:的企业|的)?(?:有|为|是|包括|分别是|分别为)?[::]|[,,](?:分别是|分别为|包括|其中有|其中包括|其中)[::,,]?")
# 获评省级企业技术中心的A公司: an honour verb before the program, the firms after 的
_HONOURED = re.compile(r"(?:入选|入围|上榜|获评|评为|认定为?|授予|荣获|获得|获批|列入|纳入|通过)(?:了|为)?(?:国家级|省级|市级|县级|国家|省|市|县)?[^,。;、:]{0,6}$")
# 位于温泉镇的A公司: the region the firm or project is in, written before it
_SITED = re.compile(r"(?:位于|地处|坐落于|坐落在|落户|落户在|落户于|入驻)$")
# 《…》由县政府印发, …项目由某某公司建设: the doer after the thing
_BY_AGENCY = re.compile(r"[》”]?(?:已|正式|将)?(?:由|经)")
# 《…》并报|送县委、县政府审定发布: the agencies a drafted document goes to for issuing
_SUBMIT = re.compile(r"[》”]?(?:\([^()]{0,30}\))?(?:,|,)?(?:并|后|已|及时)*(?:报|送|报送|呈报|提请|报请|提交)(?:给)?")
_APPROVED = re.compile(r"(?:常务会议|常委会议?|全体会议|会议)?(?:研究|审定|审议|审批|批准|同意)*(?:通过)?(?:后|并|正式)*")
_AGENCY_AND = re.compile(r"[、和及]|以及")
# 与市委组织部联合印发《…》: the speaker issues it jointly with that agency
_JOINT = re.compile(r"(?:[,;:、]|我局|本局|我委|我们)(?:积极|主动|牵头)?(?:与|同|会同)$")
_JOINT_AT_START = re.compile(r"(?:积极|主动|牵头)?(?:与|同|会同)")
# 我县光电产业园: the report's own place
_OWN_PLACE = re.compile(r"(?:我|本|全)(?:省|市|州|县|区|旗|镇|乡)$")
_CLAUSE = re.compile(r"[,;:]")
_BUILT_AT = re.compile(r"(?:投资)?(?:建立|建设|设立|新建|兴建|筹建|打造|布局|落地)了?")
_PARTY = ("Enterprise", "Organization")
_OPEN = {"【": "】", "(": ")", "[": "]"}


def _named_owner(doc: Doc) -> dict[int, int]:
    """Project entity -> the enterprise its name opens with (海林雪松木业定制家居…项目): a
    subject named earlier in the sentence does not undertake another firm's project."""
    got = doc.user_data.get("kg_project_named_owner")
    if got is None:
        ents = doc._.kg_entities or []
        forms = sorted({(n, i) for i, e in enumerate(ents) if e.type == "Enterprise"
                        for n in (*e.names, *short_forms(e.name)) if len(n) >= 2}, key=lambda f: (-len(f[0]), f))
        got = {}
        for pi, p in enumerate(ents):
            if p.type == "Project":
                hit = next((i for n, i in forms if any(nm.startswith(n) and len(nm) > len(n) for nm in p.names)), None)
                if hit is not None:
                    got[pi] = hit
        doc.user_data["kg_project_named_owner"] = got
    return got


def _cached(memo: list[bool], pattern: re.Pattern, text: str) -> bool:
    """``pattern.search(text)``, computed on first use and kept in ``memo``."""
    if not memo:
        memo.append(pattern.search(text) is not None)
    return memo[0]


class _Relations(set):
    """The relations found so far, with the issuedBy ones indexed by their document."""

    def __init__(self) -> None:
        super().__init__()
        self.issued: dict[int, list[RelationRecord]] = {}

    def add(self, r: RelationRecord) -> None:
        if r not in self:
            super().add(r)
            if r.rel == "issuedBy":
                self.issued.setdefault(r.head, []).append(r)


class _Closers:
    """``text.find(closer, pos, s1)`` for closing brackets, each scanned for once per sentence."""

    def __init__(self, text: str, s0: int, s1: int):
        self.text, self.s0, self.s1 = text, s0, s1
        self.found: dict[str, list[int]] = {}

    def next(self, closer: str, pos: int) -> int:
        at = self.found.get(closer)
        if at is None:
            at = self.found[closer] = [m.start() for m in re.finditer(re.escape(closer), self.text[self.s0 : self.s1])]
        k = bisect_left(at, pos - self.s0)
        return at[k] + self.s0 if k < len(at) else -1


@dataclass(frozen=True)
class RelationRecord:
    head: int
    rel: str
    tail: int
    start: int  # evidence sentence
    end: int
    implied: bool = False  # one end is the report's own agency, speaking as 我局 or unnamed


@Language.factory("kg_relations", default_config={"window": 80})
class RelationExtractor:
    """Pairs mentions within a sentence by cue words between or around them."""

    def __init__(self, nlp: Language, name: str, window: int):
        self.window = window

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        ents = doc._.kg_entities or []
        spans = list(doc.spans.get(ENTITIES, []))
        own = doc.user_data.get("kg_publisher_entity")
        out = _Relations()
        si = 0
        sents = doc_sentences(doc)
        for s0, s1 in sents:
            ms = []
            while si < len(spans) and spans[si].start_char < s1:
                if spans[si].start_char >= s0:
                    ms.append(spans[si])
                si += 1
            if not ms:
                continue
            sent = text[s0:s1]
            acquire_cue: list[bool] = []  # _ACQUIRE anywhere in the sentence, searched once
            self._grouped(doc, text, ms, s0, s1, out)
            n = len(ms)
            for a_i, a in enumerate(ms):
                ta = a.label_
                for b_i in range(a_i + 1, n):
                    b = ms[b_i]
                    tb = b.label_
                    # spans are sorted by start, so the gap only grows: stop at the window
                    if b.start_char - a.end_char > self.window:
                        break
                    between = text[a.end_char : b.start_char]
                    ea, eb = entity_of(doc, a), entity_of(doc, b)
                    if ea == eb:
                        continue
                    if ta in _PARTY and tb in _PARTY and re.match(r"^(与|和|同)$", between.strip()):
                        # A与B、C开展产学研合作: every partner listed after 与 cooperates with A
                        partners = [b]
                        for c in ms[b_i + 1 :]:
                            if c.label_ not in _PARTY or text[partners[-1].end_char : c.start_char] not in ("、", "和", "及"):
                                break
                            if _ACT_INSIDE.search(ents[entity_of(doc, c)].name):
                                break  # a partner's name read on into the act (…大学共建…): no such partner
                            partners.append(c)
                        rest = text[partners[-1].end_char : min(s1, partners[-1].end_char + 40)]
                        if _COOP.search(re.split(r"[;。]", rest)[0]):
                            for c in partners:
                                ec = entity_of(doc, c)
                                if ec != ea:
                                    out.add(RelationRecord(ea, "cooperatesWith", ec, s0, s1))
                    elif ta == "Enterprise" and tb == "Enterprise" and _cached(acquire_cue, _ACQUIRE, sent):
                        if re.search(r"由$|被$", between.strip()) or re.search(r"收购.{0,12}由", between) \
                                or _JOINS.fullmatch(between):
                            out.add(RelationRecord(ea, "acquiredBy", eb, s0, s1))
                        elif _BUYS_OF.fullmatch(between) and _BOUGHT_AFTER.match(text, b.end_char):
                            out.add(RelationRecord(eb, "acquiredBy", ea, s0, s1))  # A完成对B的并购重组
                        elif _BUYS.fullmatch(between) and not re.search(r"[被由]$", text[max(s0, a.start_char - 1) : a.start_char]):
                            out.add(RelationRecord(eb, "acquiredBy", ea, s0, s1))
                    elif ta == "GovernmentAgency" and tb == "PolicyDocument":
                        # 县政府印发《…》; 县委办《…》: an agency right before a title is its issuer
                        if (_ISSUE.search(between) and len(between) < 20) or between.strip("《") in ("", "的"):
                            out.add(RelationRecord(eb, "issuedBy", ea, s0, s1))
                    elif ta == "PolicyDocument" and tb == "GovernmentAgency" and _BY_AGENCY.fullmatch(between) \
                            and _ISSUE.match(text, _APPROVED.match(text, b.end_char).end()):
                        out.add(RelationRecord(ea, "issuedBy", eb, s0, s1))  # 《…》由县政府印发
                    elif ta == "Project" and tb == "Enterprise" and _BY_AGENCY.fullmatch(between) \
                            and _UNDERTAKE.match(text, b.end_char):
                        out.add(RelationRecord(eb, "undertakes", ea, s0, s1))  # …项目由某某公司投资建设
                    elif ta == "Region" and tb in ("Enterprise", "Project") and between == "的" \
                            and _SITED.search(text, max(s0, a.start_char - 4), a.start_char):
                        out.add(RelationRecord(eb, "locatedIn", ea, s0, s1))  # 位于温泉镇的A公司
                    elif ta == "Region" and tb == "Project" and text[a.start_char - 1 : a.start_char] == "在" \
                            and _BUILT_AT.fullmatch(between):
                        out.add(RelationRecord(eb, "locatedIn", ea, s0, s1))  # 在XX建立大数据中心基地
                    elif ta == "Region" and tb == "Region" and re.fullmatch(r"(?:[、和及]?[^,。;]{0,0})", between):
                        if ents[eb].name.endswith(("村", "社区")) and ents[ea].name.endswith(("镇", "乡", "街道")):
                            out.add(RelationRecord(eb, "locatedIn", ea, s0, s1))
                            town = ea
                            for c_i in range(a_i + 2, n):  # 温泉镇西营村和牌坊村
                                c = ms[c_i]
                                gap = text[ms[c_i - 1].end_char : c.start_char]
                                if c.label_ != "Region" or gap not in ("、", "和", "及"):
                                    break
                                out.add(RelationRecord(entity_of(doc, c), "locatedIn", town, s0, s1))
            # a document the report's own agency issued: "起草印发《…》", "我局拟定出台了《…》"
            submitted = self._issued_after(doc, text, ms, s0, s1, out)
            if own is not None:
                # agencies by end, to find one ending in the 20 characters before a document
                agencies = sorted((a for a in ms if a.label_ == "GovernmentAgency"), key=lambda a: a.end_char)
                agency_ends = [a.end_char for a in agencies]
                for b in ms:
                    if b.label_ != "PolicyDocument" or b.start_char in submitted:
                        continue
                    before = text[max(s0, b.start_char - 12) : b.start_char]
                    k = bisect_right(agency_ends, b.start_char)
                    if (_ISSUE.search(before) or _ISSUE_AFTER.match(text, b.end_char)) and (
                        not (k and b.start_char - agency_ends[k - 1] < 20)
                        or self._jointly(text, agencies[: k], s0)
                    ):
                        out.add(RelationRecord(entity_of(doc, b), "issuedBy", own, s0, s1, implied=True))
            self._authors_in_title(doc, text, ms, s0, s1, out)
            self._coordinated_documents(doc, text, ms, out)
            self._elided_cooperation(doc, text, ms, s0, s1, out)
            self._settled_in_zone(doc, text, ms, s0, s1, out)
            self._bracketed_participants(doc, text, ms, s0, s1, out)
            self._placed_projects(doc, text, ms, s0, s1, out)
        self._owners(doc, text, out)
        doc._.kg_relations = sorted(out, key=lambda r: (r.start, r.head, r.rel, r.tail))
        return doc

    @staticmethod
    def _jointly(text: str, agencies: list, s0: int) -> bool:
        """The agencies ending ``agencies`` (by end) are named after 与|会同 in the speaker's voice:
        (我局)与县财政局、县税务局联合印发."""
        first = agencies[-1]
        for a in reversed(agencies[:-1]):
            if not _AGENCY_AND.fullmatch(text[a.end_char : first.start_char]):
                break
            first = a
        lo = max(s0, first.start_char - 8)
        before = text[lo : first.start_char]
        return bool(_JOINT.search(before) or (lo == s0 and _JOINT_AT_START.fullmatch(before)))

    @staticmethod
    def _issued_after(doc: Doc, text: str, ms, s0: int, s1: int, out: set[RelationRecord]) -> set[int]:
        """《…》并送县委、县政府审定发布; 《…》经县政府审议通过后印发: the agencies named after a
        document, then an issuing verb, issue it. Returns the starts of the documents so placed."""
        placed: set[int] = set()
        n = len(ms)
        for i, d in enumerate(ms):
            if d.label_ != "PolicyDocument" or i + 1 >= n:
                continue
            j = i + 1
            while j < n and ms[j].start_char < d.end_char:  # names inside the title
                j += 1
            if j >= n or ms[j].label_ != "GovernmentAgency":
                continue
            between = text[d.end_char : ms[j].start_char]
            if not (_SUBMIT.fullmatch(between) or _BY_AGENCY.fullmatch(between)):
                continue
            run = [ms[j]]
            while j + 1 < n and ms[j + 1].label_ == "GovernmentAgency" \
                    and _AGENCY_AND.fullmatch(text[ms[j].end_char : ms[j + 1].start_char]):
                j += 1
                run.append(ms[j])
            if not _ISSUE.match(text, _APPROVED.match(text, run[-1].end_char).end()):
                continue
            placed.add(d.start_char)
            for a in run:
                out.add(RelationRecord(entity_of(doc, d), "issuedBy", entity_of(doc, a), s0, s1))
        return placed

    @staticmethod
    def _placed_projects(doc: Doc, text: str, ms, s0: int, s1: int, out: set[RelationRecord]) -> None:
        """…项目落户|位于 <region>; 在<region>建设…<project>; 我县<project>: the text places the project."""
        own_region = doc.user_data.get("kg_region_entity")
        for i, p in enumerate(ms):
            if p.label_ != "Project":
                continue
            ep = entity_of(doc, p)
            if own_region is not None and _OWN_PLACE.search(text, max(s0, p.start_char - 2), p.start_char):
                out.add(RelationRecord(ep, "locatedIn", own_region, s0, s1, implied=True))
            for j in range(i + 1, len(ms)):
                r = ms[j]
                if r.start_char - p.end_char > 12:
                    break
                if r.label_ == "Region" and (_PLACED.search(text[p.end_char : r.start_char]) or (
                        _AT.fullmatch(text, p.end_char, r.start_char) and _STARTS_WORK.match(text, r.end_char))):
                    out.add(RelationRecord(ep, "locatedIn", entity_of(doc, r), s0, s1))
                    break
            for j in range(i - 1, -1, -1):
                r = ms[j]
                between = text[r.end_char : p.start_char]
                if len(between) > 20 or re.search(r"[,;:]", between):
                    break
                if r.label_ == "Region" and text[r.start_char - 1 : r.start_char] in ("在", "于") \
                        and _BUILD.search(between):
                    out.add(RelationRecord(ep, "locatedIn", entity_of(doc, r), s0, s1))
                    break

    @staticmethod
    def _owners(doc: Doc, text: str, out: set[RelationRecord]) -> None:
        """A project named after its enterprise (奇瑞锂离子动力电池项目, 某某酒业扩建) is the
        enterprise's undertaking; an enterprise named only there is still an entity."""
        ents = doc._.kg_entities or []
        firms = [(i, e) for i, e in enumerate(ents) if e.type == "Enterprise"]
        forms = []
        gz = gazetteer()
        for i, e in firms:
            ns = set(e.names) | set(short_forms(e.name))
            stem = enterprise_stem(e.name)
            if len(stem) >= 2 and stem != e.name:
                ns.add(stem)
            # a place is no short name of a firm: 某县水泥厂 does not undertake 某县产业园
            forms.extend((n, i) for n in ns if len(n) >= 2 and n not in gz.by_name and n not in gz.by_short)
        forms.sort(key=lambda f: -len(f[0]))
        # the first (longest) entry of each form, to look a project name's prefixes up
        rank: dict[str, tuple[int, int]] = {}
        for k, (n, i) in enumerate(forms):
            rank.setdefault(n, (k, i))
        # name or stem -> position in ``firms`` of the first enterprise with it
        by_name: dict[str, int] = {}
        by_stem: dict[str, int] = {}

        def index_firm(pos: int, f: EntityRecord) -> None:
            for nm in f.names:
                by_name.setdefault(nm, pos)
            by_stem.setdefault(enterprise_stem(f.name), pos)

        for pos, (_i, f) in enumerate(firms):
            index_firm(pos, f)
        # enterprises named at the start of a project name, which the project's span hid:
        # a firm-like candidate (…集团, …酒业), or the stem of an enterprise facility (…数字化车间)
        nested: dict[int, list[int]] = {}
        for a, b, lab in doc.user_data.get("kg_span_attrs", {}):  # candidate offsets, no Span built
            if lab == "Enterprise" and _FIRMLIKE.search(text, a, b):
                nested.setdefault(a, []).append(b)
        for (ps, _pe), oe in doc.user_data.get("kg_project_owners", {}).items():
            nested.setdefault(ps, []).append(oe)
        sents = doc_sentences(doc)
        starts = [a for a, _ in sents]
        for pi, p in enumerate(list(ents)):
            if p.type != "Project" or not p.mentions:
                continue
            s, e = p.mentions[0]
            k = bisect_right(starts, s) - 1
            sent = sents[k] if k >= 0 and sents[k][0] <= s < sents[k][1] else (s, e)
            # the first form in ``forms`` that is a proper prefix of one of the project's names
            # 天水秦岭电工智能配电产业园: the name also without the place it opens with
            pnames = p.names | {enterprise_stem(nm) for nm in p.names}
            hits = [rank[nm[:k]] for nm in pnames for k in range(2, len(nm)) if nm[:k] in rank]
            owner = min(hits)[1] if hits else None
            if owner is None:
                hidden = [(ms, x) for ms, me in p.mentions for x in nested.get(ms, ()) if x < me]
                if hidden:
                    ms, end = max(hidden, key=lambda h: h[1] - h[0])
                    name = text[ms:end]
                    pos = min(by_name.get(name, len(firms)), by_stem.get(name, len(firms)))
                    owner = firms[pos][0] if pos < len(firms) else None
                    # 襄都汽车零部件产业园: a park is named after its place and trade, not after a firm
                    # that the report names nowhere else
                    if owner is None and len(name) >= 2 and not (_PARK.search(p.name) and not name.endswith(("公司", "集团"))):
                        rec = EntityRecord("Enterprise", name)
                        rec.mentions.append((ms, end))
                        ents.append(rec)
                        owner = len(ents) - 1
                        firms.append((owner, rec))
                        index_firm(len(firms) - 1, rec)
            if owner is not None:
                out.add(RelationRecord(owner, "undertakes", pi, sent[0], sent[1]))

    @staticmethod
    def _bracketed_participants(doc: Doc, text: str, ms, s0: int, s1: int, out: set[RelationRecord]) -> None:
        """获评…示范基地【旗山电子商务】, …企业(A公司、B公司), 新增高新技术企业8家(A、B),
        获评…企业的有:A、B: the enterprises bracketed or listed right after a program take part in it."""
        closers = _Closers(text, s0, s1)
        for i, p in enumerate(ms):
            if p.label_ != "Program":
                continue
            lead = _AFTER_PROGRAM.match(text, p.end_char)
            pos = lead.end()
            # 专精特新“小巨人”企业(A、B): a fused honour list is one list, each honour gets the firms
            progs = [p]
            for j in range(i - 1, -1, -1):
                q = ms[j]
                if q.label_ != "Program" or text[q.end_char : progs[-1].start_char].strip("“”\"") not in ("", "、", "和", "及"):
                    break
                progs.append(q)
            if text[pos : pos + 1] in _OPEN:
                close = closers.next(_OPEN[text[pos]], pos)
                if close < 0:
                    continue
                for j in range(i + 1, len(ms)):
                    e = ms[j]
                    if e.start_char >= close:
                        break
                    if e.label_ == "Enterprise":
                        for q in progs:
                            out.add(RelationRecord(entity_of(doc, e), "participatesIn", entity_of(doc, q), s0, s1))
                continue
            colon = _LIST_INTRO.match(text, pos)
            if colon:
                last = colon.end()
            elif text[pos : pos + 1] == "的" and _HONOURED.search(text, max(s0, p.start_char - 12), p.start_char):
                last = pos + 1
            else:
                continue
            for j in range(i + 1, len(ms)):
                e = ms[j]
                if e.start_char < last:
                    continue
                if e.label_ != "Enterprise" or (e.start_char > last and not re.fullmatch(r"[、和及与]", text[last : e.start_char])):
                    break
                for q in progs:
                    out.add(RelationRecord(entity_of(doc, e), "participatesIn", entity_of(doc, q), s0, s1))
                last = e.end_char

    @staticmethod
    def _authors_in_title(doc: Doc, text: str, ms, s0: int, s1: int, out: set[RelationRecord]) -> None:
        """《中共某市委 某市人民政府关于…的意见》: the agencies that open a title, before 关于, issue it."""
        for d in ms:
            if d.label_ != "PolicyDocument":
                continue
            k = text.find("关于", d.start_char, d.end_char)
            head = k if k > d.start_char else -1
            for a in ms:
                if a.label_ != "GovernmentAgency" or a.start_char < d.start_char or a.end_char > d.end_char:
                    continue
                # before 关于, or opening a title without it (某县经信局2024年…方案)
                if (head >= 0 and a.end_char <= head and _AUTHORS.fullmatch(text, d.start_char, head)) \
                        or (head < 0 and a.start_char - d.start_char <= 3 and _OPENING.fullmatch(text, d.start_char, a.start_char)):
                    out.add(RelationRecord(entity_of(doc, d), "issuedBy", entity_of(doc, a), s0, s1))

    @staticmethod
    def _settled_in_zone(doc: Doc, text: str, ms, s0: int, s1: int, out: set[RelationRecord]) -> None:
        """某工业园区…引进A、B等8家企业落户园区: 园区 refers back to the zone the sentence named."""
        for i, z in enumerate(ms):  # 某工业园区新入驻A、B等企业: the firms listed after the zone settle there
            if z.label_ != "Region" or not _ZONE_END.search(z.text):
                continue
            lead = _ZONE_TAKES.match(text, z.end_char)
            if not lead:
                continue
            last = lead.end()
            for e in ms[i + 1 :]:
                if e.label_ != "Enterprise" or (e.start_char > last and not re.fullmatch(r"[、和及与]", text[last : e.start_char])):
                    break
                out.add(RelationRecord(entity_of(doc, e), "locatedIn", entity_of(doc, z), s0, s1))
                last = e.end_char
        for m in _INTO_ZONE.finditer(text, s0, s1):
            zones = [r for r in ms if r.label_ == "Region" and r.end_char <= m.start() and _ZONE_END.search(r.text)]
            if not zones:
                continue
            zone = zones[-1]
            k = max([zone.end_char, *(c.end() for c in _CLAUSE.finditer(text, zone.end_char, m.start()))])
            for e in ms:
                if e.label_ == "Enterprise" and k <= e.start_char and e.end_char <= m.start():
                    out.add(RelationRecord(entity_of(doc, e), "locatedIn", entity_of(doc, zone), s0, s1))

    @staticmethod
    def _elided_cooperation(doc: Doc, text: str, ms, s0: int, s1: int, out: set[RelationRecord]) -> None:
        """A公司建设X,与B大学共建Y: a clause opening with 与 goes on with the enterprise the
        previous clause was about, when no other party stands between them."""
        for i, b in enumerate(ms):
            if b.label_ not in _PARTY or text[b.start_char - 2 : b.start_char] not in (",与", ",与", ",同", ",同"):
                continue
            a = next((x for x in reversed(ms[:i]) if x.label_ in _PARTY), None)
            if a is None or a.label_ != "Enterprise" or b.start_char - a.end_char > 60 \
                    or len(_CLAUSE.findall(text, a.end_char, b.start_char)) != 1:
                continue
            # the enterprise must be the previous clause's subject: 其中与A合作…,与B合作 lists partners
            k = max([s0, *(m.end() for m in _CLAUSE.finditer(text, s0, a.start_char))])
            if not _SUBJECT_LEAD.fullmatch(text, k, a.start_char):
                continue
            rest = text[b.end_char : min(s1, b.end_char + 40)]
            if _COOP.search(re.split(r"[,;。,]", rest)[0]):
                ea, eb = entity_of(doc, a), entity_of(doc, b)
                if ea != eb:
                    out.add(RelationRecord(ea, "cooperatesWith", eb, s0, s1))

    @staticmethod
    def _coordinated_documents(doc: Doc, text: str, ms, out: _Relations) -> None:
        """下发了《A》和《B》: documents joined by 和/、/及 share the issuer the first one has."""
        docs = [sp for sp in ms if sp.label_ == "PolicyDocument"]
        for a, b in zip(docs, docs[1:], strict=False):
            if text[a.end_char : b.start_char].strip("《》") not in ("", "和", "、", "及", "以及", "与"):
                continue
            ea, eb = entity_of(doc, a), entity_of(doc, b)
            ents = doc._.kg_entities
            for r in list(out.issued.get(ea, ())):
                # 《中共某县委关于…的意见》、《…方案》: the first names its own author, not the second's
                if any(n in ents[ea].name for n in ents[r.tail].names):
                    continue
                out.add(RelationRecord(eb, "issuedBy", r.tail, r.start, r.end, r.implied))

    def _grouped(self, doc: Doc, text: str, ms, s0: int, s1: int, out: set[RelationRecord]) -> None:
        """Enterprise subjects (A、B等 count as one group) linked to the programs,
        projects and places that follow them until the next subject."""
        group: list = []
        last_end = s0
        for sp in ms:
            lab = sp.label_
            if lab == "Enterprise":
                gap = text[last_end : sp.start_char] if group else ""
                if group and _GROUP_GAP.fullmatch(gap):
                    group.append(sp)
                else:
                    group = [sp]
                last_end = sp.end_char
                continue
            if not group:
                continue
            if sp.start_char - group[-1].end_char > self.window:
                continue
            between = text[group[-1].end_char : sp.start_char]
            if re.search(r"[;。]", between):
                continue
            ctx = text[group[0].start_char : min(s1, sp.end_char + 4)]
            rel = None
            if lab == "Program" and (_JOIN.search(ctx) or _HONOUR_BEFORE.search(text, max(s0, group[0].start_char - 4), group[0].start_char)):
                rel = "participatesIn"
            elif lab == "Project" and (_UNDERTAKE.search(text[group[-1].end_char : sp.end_char]) or between in ("", "的")) \
                    and _named_owner(doc).get(entity_of(doc, sp), -1) in (-1, *(entity_of(doc, e) for e in group)):
                # A与B签订协议,共建X; A建设X,与B共建Y: a clause with no subject of its own goes on with A's
                if not _CLAUSE.search(between) or _ELIDED_BUILD.fullmatch(_CLAUSE.split(between)[-1]):
                    rel = "undertakes"
            elif lab == "Region" and (_SETTLE.search(between) or (
                    re.fullmatch(r"(?:已|将|正式|成功)?(?:在|于)", between) and _SET_UP.match(text, sp.end_char))):
                # A公司落户X; A公司在X设立(分公司): the text places the enterprise
                rel = "locatedIn"
            if rel:
                for e in group:
                    out.add(RelationRecord(entity_of(doc, e), rel, entity_of(doc, sp), s0, s1))
                    if rel == "locatedIn" and "总部" in between:
                        out.add(RelationRecord(entity_of(doc, e), "headquartersIn", entity_of(doc, sp), s0, s1))
