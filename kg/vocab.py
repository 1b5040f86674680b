"""Entity types and contract relations of the graph: names every module shares
(kept apart from graph.py so light modules need not import the extraction)."""

ENTITY_TYPES = ("Enterprise", "GovernmentAgency", "Organization", "Region", "Program", "PolicyDocument",
                "Project", "Person", "Industry")
RELATIONS = ("participatesIn", "undertakes", "cooperatesWith", "acquiredBy", "issuedBy", "locatedIn")

# colour, vis-network shape, Chinese name: the view and the GraphML/GEXF exports
STYLE = {
    "Enterprise": ("#e6550d", "dot", "企业"),
    "GovernmentAgency": ("#3182bd", "square", "政府机构"),
    "Organization": ("#31a354", "triangle", "组织机构"),
    "Region": ("#756bb1", "diamond", "地区"),
    "Program": ("#d6616b", "star", "政策项目"),
    "PolicyDocument": ("#8c6d31", "box", "政策文件"),
    "Project": ("#e7ba52", "triangleDown", "项目"),
    "Person": ("#636363", "ellipse", "人物"),
    "Industry": ("#17becf", "hexagon", "产业"),
}
